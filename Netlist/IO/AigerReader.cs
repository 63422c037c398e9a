using System.Text;

namespace GateForge.Ir;

/// <summary>
/// Reads AIGER 1.9 (ASCII <c>aag</c> or binary <c>aig</c>, told apart by the header) into a
/// netlist. ASCII ANDs may come in any order (they are built depth-first); binary ANDs follow the
/// format's implicit numbering. Buses come from the interface template when one is given (by
/// position: ABC drops names), else from <c>name[i]</c> symbols, else one bus <c>x</c> of inputs and
/// one bus <c>y</c> of outputs. Every error names the file, the line (ASCII) or byte (binary) and
/// the problem.
/// </summary>
internal sealed class AigerReader
{
    private const int MaxVariables = 1 << 26;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _data;
    private readonly string _source;
    private int _pos;
    private int _line = 1;
    private bool _binary;
    private bool _pastBinaryAnds;

    private int _maxVar, _inputCount, _latchCount, _outputCount, _andCount;
    private byte[] _defKind = [];   // per variable: 0 undefined, 1 input, 2 latch, 3 and
    private int[] _defIndex = [];   // per variable: input position, latch index or and index
    private int[] _latchLit = [], _latchNext = [], _latchInit = [], _latchLine = [];
    private int[] _outputs = [], _outputLine = [];
    private int[] _andLhs = [], _andRhs0 = [], _andRhs1 = [], _andLine = [];
    private string?[] _inputNames = [], _outputNames = [];

    private AigerReader(byte[] data, string source)
    {
        _data = data;
        _source = source;
    }

    public static Netlist Read(byte[] data, string source, Netlist? template)
    {
        var r = new AigerReader(data, source);
        r.ParseHeader();
        r.ParseBody();
        r.ParseSymbols();
        return r.Build(template);
    }

    // ---- parsing -----------------------------------------------------------------------------

    private void ParseHeader()
    {
        if (_data.Length < 4)
            throw Fail("not an AIGER file (too short for the header \"aag M I L O A\")");
        var magic = Encoding.ASCII.GetString(_data, 0, 3);
        if (magic is not ("aag" or "aig") || _data[3] != (byte)' ')
            throw Fail("not an AIGER file: the header must start with \"aag \" or \"aig \"");
        _binary = magic == "aig";
        _pos = 4;
        var fields = new List<long>();
        while (true)
        {
            fields.Add(Number("header field"));
            if (_pos < _data.Length && _data[_pos] == (byte)' ')
            {
                _pos++;
                continue;
            }
            break;
        }
        if (fields.Count is < 5 or > 9)
            throw Fail($"the header has {fields.Count} numbers; expected M I L O A (and optionally B C J F)");
        for (var k = 5; k < fields.Count; k++)
            if (fields[k] != 0)
                throw Fail($"the header declares {fields[k]} {"BCJF"[k - 5] switch { 'B' => "bad-state properties", 'C' => "invariant constraints", 'J' => "justice properties", _ => "fairness constraints" }}, which GateForge does not read");
        foreach (var f in fields)
            if (f > MaxVariables)
                throw Fail($"header count {f} is larger than this reader supports ({MaxVariables})");
        (_maxVar, _inputCount, _latchCount, _outputCount, _andCount) =
            ((int)fields[0], (int)fields[1], (int)fields[2], (int)fields[3], (int)fields[4]);
        var defined = (long)_inputCount + _latchCount + _andCount;
        if (_binary ? defined != _maxVar : defined > _maxVar)
            throw Fail(_binary
                ? $"header M = {_maxVar} must equal I + L + A = {defined} in a binary file"
                : $"header M = {_maxVar} is smaller than I + L + A = {defined}");
        // Every line (or binary AND) takes at least one byte: refuse headers the file cannot hold
        // before allocating for them.
        var minimum = 1L * (_latchCount + _outputCount + _andCount + (_binary ? 0 : _inputCount));
        var after = _data.Length - _pos - 1;
        if (after < minimum)
            throw Fail($"the header declares more than the {Math.Max(after, 0)} bytes after it can hold (the file is truncated)");
        EndOfLine();
        _defKind = new byte[_maxVar + 1];
        _defIndex = new int[_maxVar + 1];
        _latchLit = new int[_latchCount];
        _latchNext = new int[_latchCount];
        _latchInit = new int[_latchCount];
        _latchLine = new int[_latchCount];
        _outputs = new int[_outputCount];
        _outputLine = new int[_outputCount];
        _andLhs = new int[_andCount];
        _andRhs0 = new int[_andCount];
        _andRhs1 = new int[_andCount];
        _andLine = new int[_andCount];
        _inputNames = new string?[_inputCount];
        _outputNames = new string?[_outputCount];
    }

    private void ParseBody()
    {
        for (var p = 0; p < _inputCount; p++)
        {
            var lit = _binary ? 2 * (p + 1) : Literal("input literal");
            if (!_binary)
                EndOfLine();
            Define(lit, 1, p, "input");
        }
        for (var k = 0; k < _latchCount; k++)
        {
            _latchLine[k] = _line;
            var lit = 2 * (_inputCount + k + 1);
            if (!_binary)
            {
                lit = Literal("latch literal");
                Space();
            }
            Define(lit, 2, k, "latch");
            _latchLit[k] = lit;
            _latchNext[k] = Literal("latch next-state literal");
            _latchInit[k] = 0;
            if (_pos < _data.Length && _data[_pos] == (byte)' ')
            {
                _pos++;
                var init = Literal("latch reset value");
                if (init != 0 && init != 1 && init != lit)
                    throw Fail($"latch {lit}: reset value {init} must be 0, 1 or the latch literal (uninitialised)");
                _latchInit[k] = init;
            }
            EndOfLine();
        }
        for (var o = 0; o < _outputCount; o++)
        {
            _outputLine[o] = _line;
            _outputs[o] = Literal("output literal");
            EndOfLine();
        }
        if (_binary)
        {
            ParseBinaryAnds();
            _pastBinaryAnds = true;
        }
        else
            ParseAsciiAnds();
    }

    private void ParseAsciiAnds()
    {
        for (var k = 0; k < _andCount; k++)
        {
            _andLine[k] = _line;
            var lhs = Literal("AND literal");
            Space();
            var rhs0 = Literal("AND input");
            Space();
            var rhs1 = Literal("AND input");
            EndOfLine();
            Define(lhs, 3, k, "AND");
            (_andLhs[k], _andRhs0[k], _andRhs1[k]) = (lhs, rhs0, rhs1);
        }
    }

    private void ParseBinaryAnds()
    {
        for (var k = 0; k < _andCount; k++)
        {
            var lhs = 2 * (_inputCount + _latchCount + k + 1);
            var at = _pos;
            var delta0 = Varint(k);
            var delta1 = Varint(k);
            if (delta0 == 0 || delta0 > (uint)lhs)
                throw FailAt(at, $"AND {k} (literal {lhs}): first delta {delta0} gives an input that is not below the AND");
            var rhs0 = lhs - (int)delta0;
            if (delta1 > (uint)rhs0)
                throw FailAt(at, $"AND {k} (literal {lhs}): second delta {delta1} gives a negative literal");
            _defKind[lhs >> 1] = 3;
            _defIndex[lhs >> 1] = k;
            (_andLhs[k], _andRhs0[k], _andRhs1[k], _andLine[k]) = (lhs, rhs0, rhs0 - (int)delta1, at);
        }
    }

    private void ParseSymbols()
    {
        while (_pos < _data.Length)
        {
            var type = _data[_pos];
            if (type == (byte)'c' && (_pos + 1 == _data.Length || _data[_pos + 1] == (byte)'\n' || _data[_pos + 1] == (byte)'\r'))
                return; // the comment section runs to the end of the file
            if (type is not ((byte)'i' or (byte)'l' or (byte)'o'))
                throw Fail($"expected a symbol (i<k>, l<k> or o<k> name) or \"c\", found '{Excerpt.Of(type)}'");
            _pos++;
            var index = Number("symbol index");
            if (_pos >= _data.Length || _data[_pos] != (byte)' ')
                throw Fail("a symbol line needs a space between the index and the name");
            _pos++;
            var start = _pos;
            while (_pos < _data.Length && _data[_pos] != (byte)'\n')
                _pos++;
            var end = _pos > start && _data[_pos - 1] == (byte)'\r' ? _pos - 1 : _pos;
            if (end == start)
                throw Fail("empty symbol name");
            string name;
            try
            {
                name = StrictUtf8.GetString(_data, start, end - start);
            }
            catch (DecoderFallbackException)
            {
                throw Fail($"symbol name '{Excerpt.Of(_data.AsSpan(start, end - start))}' is not valid UTF-8");
            }
            var count = type switch { (byte)'i' => _inputCount, (byte)'l' => _latchCount, _ => _outputCount };
            if (index >= count)
                throw Fail($"symbol {(char)type}{index} is out of range (the file has {count})");
            var names = type switch { (byte)'i' => _inputNames, (byte)'o' => _outputNames, _ => null };
            if (names is not null)
            {
                if (names[index] is not null)
                    throw Fail($"symbol {(char)type}{index} is defined twice");
                names[index] = name;
            }
            if (_pos < _data.Length)
            {
                _pos++;
                _line++;
            }
        }
    }

    private void Define(int lit, byte kind, int index, string what)
    {
        if ((lit & 1) != 0)
            throw Fail($"{what} literal {lit} is odd (a definition must be a positive literal)");
        if (lit < 2)
            throw Fail($"{what} literal {lit} is a constant");
        if (_defKind[lit >> 1] != 0)
            throw Fail($"variable {lit >> 1} (literal {lit}) is defined twice");
        _defKind[lit >> 1] = kind;
        _defIndex[lit >> 1] = index;
    }

    // ---- building ----------------------------------------------------------------------------

    private Netlist Build(Netlist? template)
    {
        var (inBuses, outBuses) = Interface(template);
        var b = new NetlistBuilder(_inputCount + _latchCount + _andCount + 16);
        try
        {
            var varLit = new int[_maxVar + 1];
            Array.Fill(varLit, -1);
            varLit[0] = Lit.False;
            foreach (var (name, positions) in inBuses)
            {
                var bits = b.AddInputBus(name, positions.Length);
                for (var i = 0; i < positions.Length; i++)
                    InputVar(positions[i], bits[i], varLit);
            }
            var latchNodes = new int[_latchCount];
            for (var k = 0; k < _latchCount; k++)
            {
                var init = _latchInit[k] == 0 ? LatchInit.Zero : _latchInit[k] == 1 ? LatchInit.One : LatchInit.None;
                latchNodes[k] = b.AddLatch(init);
                varLit[_latchLit[k] >> 1] = latchNodes[k];
            }
            BuildAnds(b, varLit);
            for (var k = 0; k < _latchCount; k++)
                b.SetLatchNext(latchNodes[k], Resolve(varLit, _latchNext[k], _latchLine[k], "latch next-state"));
            foreach (var (name, positions) in outBuses)
            {
                var bits = new int[positions.Length];
                for (var i = 0; i < positions.Length; i++)
                    bits[i] = Resolve(varLit, _outputs[positions[i]], _outputLine[positions[i]], "output");
                b.AddOutputBus(name, bits);
            }
            if (template is not null)
            {
                foreach (var c in template.Constraints)
                    b.AddConstraint(c);
                foreach (var (k, v) in template.Attributes)
                    b.SetAttribute(k, v);
            }
            return b.Build();
        }
        catch (ArgumentException e)
        {
            throw new NetlistException($"{_source}: {Excerpt.OneLine(e.Message)}", e);
        }
    }

    private void InputVar(int position, int lit, int[] varLit)
    {
        // In ASCII files input variables are listed explicitly; find the one at this position.
        varLit[_binary ? position + 1 : InputVariable(position)] = lit;
    }

    private int[]? _inputVarByPosition;

    private int InputVariable(int position)
    {
        if (_inputVarByPosition is null)
        {
            _inputVarByPosition = new int[_inputCount];
            for (var v = 1; v <= _maxVar; v++)
                if (_defKind[v] == 1)
                    _inputVarByPosition[_defIndex[v]] = v;
        }
        return _inputVarByPosition[position];
    }

    /// <summary>Builds every AND, fanins first (iteratively: ASCII files may list them in any order).</summary>
    private void BuildAnds(NetlistBuilder b, int[] varLit)
    {
        if (_binary)
        {
            // The binary format numbers ANDs in topological order: no search needed.
            for (var k = 0; k < _andCount; k++)
                varLit[_andLhs[k] >> 1] = b.And(varLit[_andRhs0[k] >> 1] ^ (_andRhs0[k] & 1), varLit[_andRhs1[k] >> 1] ^ (_andRhs1[k] & 1));
            return;
        }
        var state = new byte[_andCount]; // 0 new, 1 on the stack, 2 built
        var stack = new Stack<int>();
        for (var root = 0; root < _andCount; root++)
        {
            if (state[root] == 2)
                continue;
            stack.Push(root);
            state[root] = 1;
            while (stack.Count > 0)
            {
                var k = stack.Peek();
                var pending = Pending(_andRhs0[k], k, state, stack);
                pending |= Pending(_andRhs1[k], k, state, stack);
                if (pending)
                    continue;
                var lit = b.And(varLit[_andRhs0[k] >> 1] ^ (_andRhs0[k] & 1), varLit[_andRhs1[k] >> 1] ^ (_andRhs1[k] & 1));
                varLit[_andLhs[k] >> 1] = lit;
                state[k] = 2;
                stack.Pop();
            }
        }
    }

    /// <summary>True when the fanin is an AND not built yet (it is pushed); throws on undefined literals and cycles.</summary>
    private bool Pending(int lit, int k, byte[] state, Stack<int> stack)
    {
        var v = lit >> 1;
        if (v == 0)
            return false;
        switch (_defKind[v])
        {
            case 0:
                throw FailAnd(k, $"AND {_andLhs[k]} uses literal {lit}, whose variable is never defined");
            case 3:
                var j = _defIndex[v];
                if (state[j] == 2)
                    return false;
                if (state[j] == 1)
                    throw FailAnd(k, $"AND {_andLhs[k]} is part of a combinational cycle through literal {lit}");
                state[j] = 1;
                stack.Push(j);
                return true;
            default:
                return false;
        }
    }

    private int Resolve(int[] varLit, int lit, int line, string what)
    {
        var v = lit >> 1;
        if (v > _maxVar || (v != 0 && _defKind[v] == 0))
            throw _binary
                ? new NetlistException($"{_source}: {what} literal {lit} refers to undefined variable {v}")
                : new NetlistException($"{_source}:{line}: {what} literal {lit} refers to undefined variable {v}");
        return varLit[v] ^ (lit & 1);
    }

    private (List<(string Name, int[] Positions)> Inputs, List<(string Name, int[] Positions)> Outputs) Interface(Netlist? template)
    {
        if (template is not null)
        {
            if (template.InputCount != _inputCount || template.OutputCount != _outputCount)
                throw new NetlistException($"{_source}: the file has {_inputCount} inputs and {_outputCount} outputs but the interface template has {template.InputCount} and {template.OutputCount}");
            return (InOrder(template.InputBuses), InOrder(template.OutputBuses));
        }
        return (AigerSymbols.Group(_inputNames, _source, "input", "x"), AigerSymbols.Group(_outputNames, _source, "output", "y"));
    }

    /// <summary>The template's buses over consecutive file positions (ABC drops names; the order is kept).</summary>
    private static List<(string Name, int[] Positions)> InOrder(IReadOnlyList<Bus> buses)
    {
        var result = new List<(string Name, int[] Positions)>();
        var next = 0;
        foreach (var bus in buses)
        {
            result.Add((bus.Name, Enumerable.Range(next, bus.Width).ToArray()));
            next += bus.Width;
        }
        return result;
    }

    // ---- low-level ---------------------------------------------------------------------------

    private long Number(string what)
    {
        var start = _pos;
        long value = 0;
        while (_pos < _data.Length && _data[_pos] is >= (byte)'0' and <= (byte)'9')
        {
            value = value * 10 + (_data[_pos] - '0');
            if (value > int.MaxValue)
                throw Fail($"{what} is too large");
            _pos++;
        }
        if (_pos == start)
            throw _pos >= _data.Length
                ? Fail($"unexpected end of file, expected {what}")
                : Fail($"expected {what}, found '{Excerpt.Of(_data[_pos])}'");
        return value;
    }

    private int Literal(string what)
    {
        var lit = Number(what);
        if (lit >> 1 > _maxVar)
            throw Fail($"{what} {lit} is out of range (M = {_maxVar}, largest literal {2 * (long)_maxVar + 1})");
        return (int)lit;
    }

    private void Space()
    {
        if (_pos >= _data.Length || _data[_pos] != (byte)' ')
            throw Fail(_pos >= _data.Length ? "unexpected end of file" : $"expected a space, found '{Excerpt.Of(_data[_pos])}'");
        _pos++;
    }

    private void EndOfLine()
    {
        if (_pos < _data.Length && _data[_pos] == (byte)'\r')
            _pos++;
        if (_pos >= _data.Length)
            throw Fail("unexpected end of file (the line is not terminated)");
        if (_data[_pos] != (byte)'\n')
            throw Fail($"expected the end of the line, found '{Excerpt.Of(_data[_pos])}'");
        _pos++;
        _line++;
    }

    private uint Varint(int andIndex)
    {
        uint value = 0;
        var shift = 0;
        while (true)
        {
            if (_pos >= _data.Length)
                throw FailAt(_pos, $"binary AND section is truncated inside AND {andIndex} of {_andCount}");
            var b = _data[_pos++];
            if (shift == 28 && (b & 0x70) != 0)
                throw FailAt(_pos - 1, $"delta of AND {andIndex} does not fit in 32 bits");
            value |= (uint)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
                return value;
            shift += 7;
            if (shift > 28)
                throw FailAt(_pos - 1, $"delta of AND {andIndex} is longer than 5 bytes");
        }
    }

    // Past the binary AND section line numbers mean nothing: name the byte instead.
    private NetlistException Fail(string problem) =>
        _binary && _pastBinaryAnds ? FailAt(_pos, problem) : new($"{_source}:{_line}: {problem}");

    private NetlistException FailAt(int offset, string problem) =>
        new($"{_source}: byte {offset}: {problem}");

    private NetlistException FailAnd(int k, string problem) =>
        _binary ? FailAt(_andLine[k], problem) : new NetlistException($"{_source}:{_andLine[k]}: {problem}");
}
