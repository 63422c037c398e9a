using System.Globalization;

namespace GateForge.Ir.Passes;

/// <summary>
/// The options written after a pass name in a pipeline string, <c>pipeline(every=4)</c> or
/// <c>const-fold(x[3]=0, x[4]=1)</c>: an ordered list of key=value pairs (a bare word is a flag,
/// value "true"). Each pass's factory reads what it knows and <see cref="RejectUnknown"/> refuses the rest.
/// </summary>
public sealed class PassOptions
{
    private readonly List<KeyValuePair<string, string>> _items = [];
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public PassOptions(string passName, IEnumerable<KeyValuePair<string, string>>? items = null)
    {
        PassName = passName;
        if (items is not null)
            _items.AddRange(items);
    }

    public string PassName { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Items => _items;
    public bool IsEmpty => _items.Count == 0;

    public string? GetString(string key)
    {
        _read.Add(key);
        string? found = null;
        foreach (var (k, v) in _items)
        {
            if (k != key)
                continue;
            if (found is not null)
                throw new ArgumentException($"pass '{PassName}': option '{key}' is given twice");
            found = v;
        }
        return found;
    }

    public int GetInt(string key, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        var s = GetString(key);
        if (s is null)
            return defaultValue;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            throw new ArgumentException($"pass '{PassName}': option '{key}={s}' must be an integer in [{min}, {max}]");
        return v;
    }

    public bool GetBool(string key, bool defaultValue)
    {
        var s = GetString(key);
        return s switch
        {
            null => defaultValue,
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new ArgumentException($"pass '{PassName}': option '{key}={s}' must be true or false"),
        };
    }

    /// <summary>Items whose key the caller accepts by shape (for example <c>x[3]</c>); marks them read.</summary>
    public IEnumerable<KeyValuePair<string, string>> Take(Func<string, bool> accepts)
    {
        foreach (var item in _items)
        {
            if (!accepts(item.Key))
                continue;
            _read.Add(item.Key);
            yield return item;
        }
    }

    /// <summary>Throws when an option was given that no getter asked for.</summary>
    public void RejectUnknown()
    {
        foreach (var (k, _) in _items)
            if (!_read.Contains(k))
                throw new ArgumentException($"pass '{PassName}' has no option '{k}' (see `gateforge help {PassName}`)");
    }

    public override string ToString() =>
        _items.Count == 0 ? PassName : $"{PassName}({string.Join(",", _items.Select(i => i.Value == "true" ? i.Key : $"{i.Key}={i.Value}"))})";
}
