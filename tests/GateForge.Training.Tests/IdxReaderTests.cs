using System.IO.Compression;

namespace GateForge.Training.Tests;

public sealed class IdxReaderTests
{
    private static string Gz(string stem) => Path.Combine(DataFixtures.Mnist10k, stem + ".gz");

    private static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public void Reads_the_embedded_mnist_10k()
    {
        var (train, test) = DataFixtures.Mnist;
        Assert.Equal(8000, train.Count);
        Assert.Equal(2000, test.Count);
        foreach (var d in new[] { train, test })
        {
            Assert.Equal(28 * 28, d.FeatureCount);
            Assert.Equal(10, d.ClassCount);
            Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], d.ClassNames);
            Assert.Equal("px[0]", d.FeatureNames[0]);
            Assert.Equal("px[783]", d.FeatureNames[783]);
            Assert.All(d.Kinds, k => Assert.Equal(FeatureKind.Numeric, k));
            Assert.Equal(ValueRange.Byte, d.NominalRange);
            // every digit occurs, pixels are bytes, and images are not blank
            Assert.All(d.ClassHistogram(), n => Assert.True(n > d.Count / 20));
            var bytes = 0;
            foreach (var v in d.Features)
                bytes += v >= 0 && v <= 255 && v == MathF.Floor(v) ? 1 : 0;
            Assert.Equal(d.Features.Length, bytes);
            Assert.Equal(255f, d.Features.Max());
        }
    }

    [Fact]
    public void Uncompressed_file_reads_the_same_as_gzip()
    {
        using var dir = new TempDir("gf-idx");
        File.WriteAllBytes(dir.File("images"), Gunzip(Gz("t10k-images-idx3-ubyte")));
        var plain = IdxReader.Read(dir.File("images"), Gz("t10k-labels-idx1-ubyte"), "t");
        var packed = IdxReader.Read(Gz("t10k-images-idx3-ubyte"), Gz("t10k-labels-idx1-ubyte"), "t");
        Assert.Equal(packed.Features, plain.Features);
        Assert.Equal(packed.Labels, plain.Labels);
    }

    [Fact]
    public void Header_and_first_pixels_match_the_raw_bytes()
    {
        var raw = Gunzip(Gz("t10k-images-idx3-ubyte"));
        Assert.Equal(new byte[] { 0, 0, 8, 3, 0, 0, 0x07, 0xD0, 0, 0, 0, 28, 0, 0, 0, 28 }, raw[..16]);
        var (dims, data) = IdxReader.ReadTensor(Gz("t10k-images-idx3-ubyte"));
        Assert.Equal([2000, 28, 28], dims);
        Assert.Equal(raw[16..], data);
        var test = IdxReader.Read(Gz("t10k-images-idx3-ubyte"), Gz("t10k-labels-idx1-ubyte"), "t");
        Assert.Equal(raw[16 + 784 * 1999 + 400], (byte)test[1999, 400]);
    }

    [Fact]
    public void Truncated_images_are_refused_with_sizes()
    {
        using var dir = new TempDir("gf-idx");
        var raw = Gunzip(Gz("t10k-images-idx3-ubyte"));
        var path = dir.File("short-images");
        File.WriteAllBytes(path, raw[..(16 + 100003)]);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(path, Gz("t10k-labels-idx1-ubyte"), "t"));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("expected 1568000 image bytes, found 100003", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_header_is_refused()
    {
        using var dir = new TempDir("gf-idx");
        var path = dir.File("labels");
        File.WriteAllBytes(path, [0, 0, 8, 1, 0, 0]);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadTensor(path, "label"));
        Assert.Contains($"{path}: truncated IDX header: expected 8 bytes, found 6", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_gzip_is_refused()
    {
        using var dir = new TempDir("gf-idx");
        var packed = File.ReadAllBytes(Gz("t10k-images-idx3-ubyte"));
        var path = dir.File("images.gz");
        File.WriteAllBytes(path, packed[..(packed.Length / 2)]);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(path, Gz("t10k-labels-idx1-ubyte"), "t"));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_magic_is_refused()
    {
        using var dir = new TempDir("gf-idx");
        var raw = Gunzip(Gz("t10k-labels-idx1-ubyte"));
        raw[0] = 0x12;
        var path = dir.File("labels");
        File.WriteAllBytes(path, raw);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(Gz("t10k-images-idx3-ubyte"), path, "t"));
        Assert.Contains($"{path}: not an IDX label file: bad magic number 0x12000801", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_byte_element_type_is_refused()
    {
        using var dir = new TempDir("gf-idx");
        var path = dir.File("floats");
        File.WriteAllBytes(path, [0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadTensor(path));
        Assert.Contains("element type 0x0d is not supported", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_count_must_match_image_count()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            IdxReader.Read(Gz("t10k-images-idx3-ubyte"), Gz("train-labels-idx1-ubyte"), "t"));
        Assert.Contains("8000 labels for 2000 images", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_and_labels_swapped_are_refused()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            IdxReader.Read(Gz("t10k-labels-idx1-ubyte"), Gz("t10k-images-idx3-ubyte"), "t"));
        Assert.Contains("at least 2 dimensions", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_data_error()
    {
        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read("/nonexistent/images", "/nonexistent/labels", "t"));
        Assert.StartsWith("/nonexistent/images: cannot read", e.Message, StringComparison.Ordinal);
    }
}
