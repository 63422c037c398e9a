using System.Text;

namespace GateForge.Ir.Passes;

/// <summary>
/// Parses pipeline strings: <c>"const-fold,strash,dce"</c>, <c>"fixpoint(strash,balance,dce)"</c>,
/// options <c>"pipeline(every=4)"</c>, <c>"abc(script=\"&amp;get -n; &amp;dc2; &amp;put\")"</c>, and named
/// levels <c>-O0</c>…<c>-O3</c> anywhere a pass may stand. Every error is an
/// <see cref="ArgumentException"/> naming the pipeline and the position.
/// </summary>
public sealed class PipelineParser
{
    /// <summary>How many rounds a <c>fixpoint(...)</c> runs at most.</summary>
    public const int MaxFixpointRounds = 16;

    /// <summary>The one-line summary of <c>fixpoint</c> (for `gateforge help fixpoint`).</summary>
    public const string FixpointSummary = "repeat passes until a round changes nothing";

    /// <summary>The help text of <c>fixpoint</c>.</summary>
    public static string FixpointHelp => $"""
        fixpoint(PASS,PASS,...)

        Runs its passes in order, again and again, until a whole round changes nothing,
        at most {MaxFixpointRounds} rounds (then it says so and stops). -O2 ends with
        fixpoint(balance,dce). Any pass or level may appear in the body.
        """;

    private readonly string _text;
    private int _pos;

    private PipelineParser(string text)
    {
        _text = text;
    }

    public static IReadOnlyList<PipelineStep> Parse(string pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var p = new PipelineParser(pipeline);
        var steps = p.ParseSequence(topLevel: true);
        if (!p.AtEnd)
            throw p.Error($"unexpected '{p.Peek}'");
        return steps;
    }

    private List<PipelineStep> ParseSequence(bool topLevel)
    {
        var steps = new List<PipelineStep>();
        SkipSpaces();
        if (AtEnd || (!topLevel && Peek == ')'))
            return steps;
        while (true)
        {
            steps.AddRange(ParseItem());
            SkipSpaces();
            if (AtEnd || (!topLevel && Peek == ')'))
                return steps;
            if (Peek != ',')
                throw Error($"expected ',' between passes but found '{Peek}'");
            _pos++;
        }
    }

    private IEnumerable<PipelineStep> ParseItem()
    {
        SkipSpaces();
        var start = _pos;
        var name = ReadWhile(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
        if (name.Length == 0)
            throw Error(AtEnd ? "expected a pass name at the end" : $"expected a pass name but found '{Peek}'");
        if (OptimisationLevels.IsLevel(name))
            return Parse(OptimisationLevels.Pipeline(name));
        SkipSpaces();
        var hasBody = !AtEnd && Peek == '(';
        if (name == "fixpoint")
        {
            if (!hasBody)
                throw Error("fixpoint needs a body: fixpoint(pass,pass,...)");
            _pos++;
            var body = ParseSequence(topLevel: false);
            Expect(')');
            if (body.Count == 0)
                throw Error("fixpoint() has no passes");
            return [new FixpointStep(body, MaxFixpointRounds)];
        }
        var items = new List<KeyValuePair<string, string>>();
        if (hasBody)
        {
            _pos++;
            items.AddRange(ParseOptions(name));
            Expect(')');
        }
        Pass pass;
        try
        {
            pass = PassRegistry.Create(name, new PassOptions(name, items));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"pipeline \"{_text}\": {e.Message}", e);
        }
        return [new PassStep(pass, _text[start.._pos].Trim())];
    }

    private List<KeyValuePair<string, string>> ParseOptions(string pass)
    {
        var items = new List<KeyValuePair<string, string>>();
        SkipSpaces();
        if (!AtEnd && Peek == ')')
            return items;
        while (true)
        {
            SkipSpaces();
            var key = ReadWhile(c => c is not (',' or '=' or '(' or ')' or '"') && !char.IsWhiteSpace(c));
            if (key.Length == 0)
                throw Error(AtEnd ? $"pass '{pass}': options are not closed with ')'" : $"pass '{pass}': expected an option name but found '{Peek}'");
            SkipSpaces();
            var value = "true";
            if (!AtEnd && Peek == '=')
            {
                _pos++;
                SkipSpaces();
                value = ReadValue(pass, key);
            }
            items.Add(new(key, value));
            SkipSpaces();
            if (AtEnd || Peek == ')')
                return items;
            if (Peek != ',')
                throw Error($"pass '{pass}': expected ',' or ')' after option '{key}' but found '{Peek}'");
            _pos++;
        }
    }

    private string ReadValue(string pass, string key)
    {
        if (AtEnd || Peek != '"')
        {
            var bare = ReadWhile(c => c is not (',' or ')' or '(' or '"') && !char.IsWhiteSpace(c));
            if (bare.Length == 0)
                throw Error($"pass '{pass}': option '{key}=' has no value");
            return bare;
        }
        _pos++;
        var sb = new StringBuilder();
        while (!AtEnd && Peek != '"')
        {
            if (Peek == '\\' && _pos + 1 < _text.Length)
                _pos++;
            sb.Append(Peek);
            _pos++;
        }
        if (AtEnd)
            throw Error($"pass '{pass}': option '{key}' has an unclosed quote");
        _pos++;
        return sb.ToString();
    }

    private bool AtEnd => _pos >= _text.Length;
    private char Peek => _text[_pos];

    private void SkipSpaces()
    {
        while (!AtEnd && char.IsWhiteSpace(Peek))
            _pos++;
    }

    private string ReadWhile(Func<char, bool> accept)
    {
        var start = _pos;
        while (!AtEnd && accept(Peek))
            _pos++;
        return _text[start.._pos];
    }

    private void Expect(char c)
    {
        SkipSpaces();
        if (AtEnd)
            throw Error($"expected '{c}' at the end");
        if (Peek != c)
            throw Error($"expected '{c}' but found '{Peek}'");
        _pos++;
    }

    private ArgumentException Error(string what) =>
        new($"pipeline \"{_text}\": {what} (at character {_pos + 1})");
}
