using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace GateForge.Training.Data;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST: a big-endian header (two zero bytes, the
/// element type, the number of dimensions, then one 32-bit size per dimension) followed by the
/// elements. Files may be gzip-compressed; that is detected from the gzip magic bytes, not the name.
/// Only unsigned-byte elements (type 0x08) are accepted: images of any shape N×d1×…, labels N.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>
    /// Reads an image file and its label file into a data set of <c>px[i]</c> features (raw bytes
    /// 0..255, row-major pixel order) with classes <c>0..max label</c>.
    /// </summary>
    public static Dataset Read(string imagesPath, string labelsPath, string name)
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        ArgumentNullException.ThrowIfNull(labelsPath);
        ArgumentNullException.ThrowIfNull(name);
        var images = ReadRaw(imagesPath, "image");
        var labels = ReadRaw(labelsPath, "label");
        if (images.Dims.Length < 2)
            throw new DataFormatException($"{imagesPath}: an image file needs at least 2 dimensions (count, pixels), found {images.Dims.Length}");
        if (labels.Dims.Length != 1)
            throw new DataFormatException($"{labelsPath}: a label file needs 1 dimension, found {labels.Dims.Length}");
        var count = images.Dims[0];
        if (labels.Dims[0] != count)
            throw new DataFormatException($"{labelsPath}: {labels.Dims[0]} labels for {count} images in {imagesPath}");
        if (count == 0)
            throw new DataFormatException($"{imagesPath}: contains no images");
        if (images.Dims.Skip(1).Contains(0))
            throw new DataFormatException($"{imagesPath}: an image of {string.Join(" × ", images.Dims.Skip(1))} has no pixels");

        var imageBytes = images.Data.AsSpan(images.Offset);
        var pixels = imageBytes.Length / count;
        var features = new float[imageBytes.Length];
        for (var i = 0; i < features.Length; i++)
            features[i] = imageBytes[i];
        var labelValues = new int[count];
        var classCount = 0;
        for (var i = 0; i < count; i++)
        {
            labelValues[i] = labels.Data[labels.Offset + i];
            classCount = Math.Max(classCount, labelValues[i] + 1);
        }

        var names = new string[pixels];
        for (var i = 0; i < pixels; i++)
            names[i] = $"px[{i.ToString(CultureInfo.InvariantCulture)}]";
        var classNames = new string[classCount];
        for (var c = 0; c < classCount; c++)
            classNames[c] = c.ToString(CultureInfo.InvariantCulture);
        return new Dataset(name, features, pixels, labelValues, classCount, names,
            new FeatureKind[pixels], null, classNames, ValueRange.Byte)
        {
            Image = images.Dims.Length == 3 ? new ImageShape(images.Dims[2], images.Dims[1]) : null,
        };
    }

    /// <summary>The dimensions and elements of one IDX file of unsigned bytes.</summary>
    public static (int[] Dims, byte[] Data) ReadTensor(string path, string what = "IDX")
    {
        ArgumentNullException.ThrowIfNull(path);
        var (dims, bytes, offset) = ReadRaw(path, what);
        return (dims, bytes[offset..]);
    }

    /// <summary>The dimensions, the whole file's bytes and where the elements start.</summary>
    private static (int[] Dims, byte[] Data, int Offset) ReadRaw(string path, string what)
    {
        var bytes = ReadAllBytesMaybeGzip(path);
        if (bytes.Length < 4)
            throw new DataFormatException($"{path}: not an IDX {what} file: {bytes.Length} bytes, shorter than the 4-byte magic number");
        if (bytes[0] != 0 || bytes[1] != 0)
            throw new DataFormatException(
                $"{path}: not an IDX {what} file: bad magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(bytes):x8} (expected 0x0000TTDD)");
        if (bytes[2] != UnsignedByteType)
            throw new DataFormatException($"{path}: IDX element type 0x{bytes[2]:x2} is not supported (expected 0x08, unsigned byte)");
        int rank = bytes[3];
        if (rank == 0)
            throw new DataFormatException($"{path}: IDX {what} file with 0 dimensions");
        var headerLength = 4 + 4 * rank;
        if (bytes.Length < headerLength)
            throw new DataFormatException($"{path}: truncated IDX header: expected {headerLength} bytes, found {bytes.Length}");
        var dims = new int[rank];
        long expected = 1;
        for (var d = 0; d < rank; d++)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + 4 * d));
            if (size > int.MaxValue)
                throw new DataFormatException($"{path}: IDX dimension {d} size {size} is too large");
            dims[d] = (int)size;
            expected *= size;
            if (expected > Array.MaxLength)
                throw new DataFormatException($"{path}: IDX {what} file declares more than {Array.MaxLength} elements");
        }
        var found = bytes.Length - headerLength;
        if (found != expected)
            throw new DataFormatException(found < expected
                ? $"{path}: truncated: expected {expected} {what} bytes, found {found}"
                : $"{path}: expected {expected} {what} bytes, found {found} (trailing data)");
        return (dims, bytes, headerLength);
    }

    /// <summary>The file's bytes, decompressed when it starts with the gzip magic 1f 8b.</summary>
    private static byte[] ReadAllBytesMaybeGzip(string path)
    {
        byte[] raw;
        try
        {
            raw = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"{path}: cannot read: {e.Message}", e);
        }
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b)
            return raw;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException($"{path}: corrupt or truncated gzip data: {e.Message}", e);
        }
    }
}
