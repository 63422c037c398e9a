using System.Globalization;
using System.Reflection;
using Fluid;

namespace GateForge.Emitters.Text;

/// <summary>
/// The Fluid (Liquid) templates embedded from <c>Templates/</c> (resource names
/// <c>GateForge.Templates.&lt;file&gt;</c>). One instance per emit: templates are parsed on first use
/// and cached in the instance. Variables are plain strings, numbers, booleans and lists of the
/// model records registered below; a missing variable is an error (StrictVariables), so a typo in a
/// template fails the tests instead of rendering an empty string.
/// </summary>
public sealed class TemplateSet
{
    private const string ResourcePrefix = "GateForge.Templates.";
    private static readonly Assembly Owner = typeof(TemplateSet).Assembly;

    private readonly FluidParser _parser = new();
    private readonly TemplateOptions _options;
    private readonly Dictionary<string, IFluidTemplate> _parsed = new(StringComparer.Ordinal);

    public TemplateSet()
    {
        _options = new TemplateOptions
        {
            CultureInfo = CultureInfo.InvariantCulture,
            StrictVariables = true,
        };
        _options.MemberAccessStrategy.Register<PortModel>();
        _options.MemberAccessStrategy.Register<ComparatorModel>();
        _options.MemberAccessStrategy.Register<SourceFileModel>();
    }

    /// <summary>Renders template <paramref name="file"/> (for example <c>tb_comb.v.liquid</c>) with the given variables.</summary>
    public string Render(string file, IReadOnlyDictionary<string, object> variables)
    {
        var template = Get(file);
        var context = new TemplateContext(_options);
        foreach (var (name, value) in variables)
            context.SetValue(name, value);
        try
        {
            return template.Render(context, NullEncoder.Default);
        }
        catch (Exception e) when (e is InvalidOperationException or FluidException)
        {
            throw new InvalidOperationException($"template {file}: {e.Message}", e);
        }
    }

    private IFluidTemplate Get(string file)
    {
        if (_parsed.TryGetValue(file, out var cached))
            return cached;
        using var stream = Owner.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"template {file} is not embedded in {Owner.GetName().Name}");
        using var reader = new StreamReader(stream);
        var source = reader.ReadToEnd();
        if (!_parser.TryParse(source, out var template, out var error))
            throw new InvalidOperationException($"template {file}: {error}");
        _parsed[file] = template;
        return template;
    }
}

/// <summary>A Verilog port for templates: <c>Decl</c> is the declaration text without the trailing comma.</summary>
public sealed record PortModel(string Name, int Width, string Decl);

/// <summary>One encoder comparator: input bit <c>Bit</c> = feature <c>Feature</c> &gt; <c>Threshold</c>.</summary>
public sealed record ComparatorModel(int Bit, int Feature, int Threshold);

/// <summary>A file name for scripts (Verilog sources to read).</summary>
public sealed record SourceFileModel(string Name);
