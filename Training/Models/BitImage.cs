using System.Globalization;
using GateForge.Training.Data;
using GateForge.Training.Encoding;

namespace GateForge.Training.Models;

/// <summary>
/// The shape of image-shaped bits (SPEC §7): C channels of H × W. Two bit orders exist: the input
/// encoder writes each pixel's C thermometer bits together (pixel-major, bit (y·W + x)·C + c), and
/// conv and orpool layers write channel-major (bit (c·H + y)·W + x), which is also what a dense layer
/// after them reads. The first image layer reads the encoder's order through its index map
/// (<see cref="Index"/>), so the netlist's input bus stays the encoder's bits.
/// </summary>
public readonly record struct BitImage(int Channels, int Height, int Width)
{
    public int Bits => Channels * Height * Width;
    public int Pixels => Height * Width;

    /// <summary>Bit index of channel <paramref name="c"/> at (<paramref name="y"/>, <paramref name="x"/>).</summary>
    public int Index(int c, int y, int x, bool pixelMajor) =>
        pixelMajor ? (y * Width + x) * Channels + c : (c * Height + y) * Width + x;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Channels}x{Height}x{Width}");

    /// <summary>
    /// The encoded bits of an image data set as an image: C = bits per pixel, when every pixel is one
    /// thermometer-coded feature with the same number of bits; null for other data.
    /// </summary>
    public static BitImage? Of(ImageShape? image, InputEncoder encoder)
    {
        if (image is not { } shape || shape.Width * shape.Height != encoder.FeatureCount || encoder.FeatureCount == 0)
            return null;
        var bits = encoder.Features[0].BitCount;
        var uniform = encoder.Features.All(f => f.Kind == FeatureEncodingKind.Thermometer && f.BitCount == bits);
        return uniform && bits > 0 ? new BitImage(bits, shape.Height, shape.Width) : null;
    }
}

/// <summary>
/// Where a conv or orpool layer sits in the image: input and output shapes, the window (conv
/// kernel or pool size), stride, zero padding, tree depth (0 for orpool), and whether the input is
/// in the encoder's pixel-major order (the first layer) or channel-major.
/// </summary>
public sealed record ImageGeometry(LayerKind Kind, BitImage In, BitImage Out, int Window, int Stride, int Padding, int Depth, bool PixelMajorInput)
{
    public int Leaves => 1 << Depth;
    /// <summary>Gates of one tree: 2^depth − 1.</summary>
    public int TreeGates => Leaves - 1;
    /// <summary>Size of a conv receptive field: window × window × input channels.</summary>
    public int Field => Window * Window * In.Channels;
    public int Positions => Out.Pixels;

    /// <summary>
    /// The input bit under receptive-field offset <paramref name="r"/> ((c·k + ky)·k + kx) of output
    /// position (<paramref name="oy"/>, <paramref name="ox"/>); −1 on zero padding. The one map from
    /// windows to input bits: training's gather indices, the discrete layer and the freezer use it.
    /// </summary>
    public int InputBit(int r, int oy, int ox)
    {
        var k = Window;
        var c = r / (k * k);
        var y = oy * Stride - Padding + r / k % k;
        var x = ox * Stride - Padding + r % k;
        if ((uint)y >= (uint)In.Height || (uint)x >= (uint)In.Width)
            return -1;
        return In.Index(c, y, x, PixelMajorInput);
    }

    /// <summary>Receptive-field offsets of one channel's pooling window: offset (ky·k + kx) of channel c is c·k² + ky·k + kx.</summary>
    public int PoolOffset(int c, int windowOffset) => c * Window * Window + windowOffset;

    public override string ToString() => Kind == LayerKind.Conv
        ? string.Create(CultureInfo.InvariantCulture, $"conv {In} → {Out}, {Window}x{Window} depth {Depth} stride {Stride} padding {Padding}")
        : string.Create(CultureInfo.InvariantCulture, $"orpool {In} → {Out}, {Window}x{Window} stride {Stride} padding {Padding}");
}
