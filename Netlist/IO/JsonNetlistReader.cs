using System.Runtime.CompilerServices;
using System.Text.Json;

namespace GateForge.Ir;

/// <summary>
/// Parses <c>netlist.json</c> (see <see cref="NetlistJson"/>) from memory with <see cref="Utf8JsonReader"/>
/// and rebuilds it through <see cref="NetlistBuilder"/>. Checks that only need one node are made
/// while parsing, so their errors carry a line and byte; the rest name the node or bus.
/// </summary>
internal static class JsonNetlistReader
{
    internal sealed class Document
    {
        public int NodeCount = -1;
        public readonly SortedDictionary<string, string> Attributes = new(StringComparer.Ordinal);
        public readonly List<(string Name, int Width, long Offset)> Inputs = [];
        public readonly List<(string Name, int[] Bits, long Offset)> Outputs = [];
        public readonly List<(InputConstraint Constraint, long Offset)> Constraints = [];
        public NodeKind[] Kinds = new NodeKind[16];
        public int[] F0 = new int[16];
        public int[] F1 = new int[16];
        public int Count = 1; // node 0 is implicit
        public int InputNodes;
        public readonly List<(int Node, long Offset)> Latches = [];
        public bool HasNodes;

        /// <summary>Room for the node count a file declares, trusted only as far as its size allows (a node takes at least 8 bytes).</summary>
        public void ReserveDeclared(long fileBytes)
        {
            if (NodeCount > 0)
                Grow((int)Math.Min(NodeCount, fileBytes / 8 + 16));
        }

        /// <summary>Appends node <see cref="Count"/>.</summary>
        public void AddNode(int kind, int f0, int f1)
        {
            if (Count == Kinds.Length)
                Grow(Count * 2);
            Kinds[Count] = (NodeKind)kind;
            F0[Count] = f0;
            F1[Count] = f1;
            Count++;
        }

        private void Grow(int size)
        {
            if (size <= Kinds.Length)
                return;
            Array.Resize(ref Kinds, size);
            Array.Resize(ref F0, size);
            Array.Resize(ref F1, size);
        }
    }

    public static Document Parse(byte[] data, string source)
    {
        var doc = new Document();
        var r = new Utf8JsonReader(data, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 8 });
        try
        {
            if (!r.Read())
                throw Fail(data, source, 0, "file is empty");
            if (r.TokenType != JsonTokenType.StartObject)
                throw Fail(data, source, r.TokenStartIndex, "expected a JSON object");
            ExpectProperty(ref r, data, source, "format");
            Next(ref r, data, source);
            var format = r.TokenType == JsonTokenType.String ? r.GetString() : null;
            if (format != NetlistJson.FormatName)
                throw Fail(data, source, r.TokenStartIndex, $"unknown format {Describe(ref r)}, expected \"{NetlistJson.FormatName}\"");
            ExpectProperty(ref r, data, source, "version");
            Next(ref r, data, source);
            if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out var version) || version != NetlistJson.Version)
                throw Fail(data, source, r.TokenStartIndex, $"unsupported version {Describe(ref r)}, this reader knows version {NetlistJson.Version}");

            while (true)
            {
                Next(ref r, data, source);
                if (r.TokenType == JsonTokenType.EndObject)
                    break;
                var at = r.TokenStartIndex;
                var name = r.GetString();
                switch (name)
                {
                    case "nodeCount":
                        doc.NodeCount = ReadInt(ref r, data, source, "nodeCount");
                        if (doc.NodeCount < 1)
                            throw Fail(data, source, r.TokenStartIndex, "nodeCount must be at least 1 (node 0 is the constant)");
                        break;
                    case "attributes": ReadAttributes(ref r, data, source, doc); break;
                    case "inputs": ReadInputs(ref r, data, source, doc); break;
                    case "outputs": ReadOutputs(ref r, data, source, doc); break;
                    case "constraints": ReadConstraints(ref r, data, source, doc); break;
                    case "nodes":
                        if (!doc.HasNodes && FastNodes.TryRead(data, (int)r.BytesConsumed, doc))
                            return Finish(doc, source);
                        ReadNodes(ref r, data, source, doc);
                        break;
                    default:
                        throw Fail(data, source, at, $"unknown field \"{Excerpt.Of(name ?? "")}\"");
                }
            }
            if (r.Read())
                throw Fail(data, source, r.TokenStartIndex, "content after the end of the netlist object");
        }
        catch (JsonException e)
        {
            throw new NetlistException($"{source}: line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: invalid JSON: {JsonErrors.Message(e)}", e);
        }
        catch (InvalidOperationException e) when (r.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            // Utf8JsonReader validates UTF-8 only when a string is decoded (42 of 1,400 fuzzed inputs).
            throw new NetlistException(Fail(data, source, r.TokenStartIndex, "a string is not valid UTF-8").Message, e);
        }
        return Finish(doc, source);
    }

    private static Document Finish(Document doc, string source)
    {
        if (!doc.HasNodes)
            throw new NetlistException($"{source}: the \"nodes\" field is missing");
        if (doc.NodeCount >= 0 && doc.NodeCount != doc.Count)
            throw new NetlistException($"{source}: nodeCount is {doc.NodeCount} but \"nodes\" defines {doc.Count} nodes (with node 0)");
        return doc;
    }

    public static Netlist Build(Document doc, string source)
    {
        var n = doc.Count;
        var width = 0;
        foreach (var (name, w, _) in doc.Inputs)
            width += w;
        if (width != doc.InputNodes)
            throw new NetlistException($"{source}: input buses hold {width} bits but \"nodes\" defines {doc.InputNodes} input nodes");
        foreach (var (latch, offset) in doc.Latches)
        {
            var next = doc.F0[latch];
            if (next >> 1 >= n)
                throw new NetlistException($"{source}: latch n{latch}: next-state literal {next} refers to missing node n{next >> 1}");
        }
        foreach (var (name, bits, _) in doc.Outputs)
            for (var i = 0; i < bits.Length; i++)
                if (bits[i] >> 1 >= n)
                    throw new NetlistException($"{source}: output {Excerpt.Of(name)}[{i}]: literal {bits[i]} refers to missing node n{bits[i] >> 1}");
        foreach (var (c, _) in doc.Constraints)
        {
            var bus = doc.Inputs.FindIndex(b => b.Name == c.Bus);
            if (bus < 0)
                throw new NetlistException($"{source}: constraint names input bus '{Excerpt.Of(c.Bus)}', which does not exist");
            if (c.Bit >= doc.Inputs[bus].Width)
                throw new NetlistException($"{source}: constraint bit {Excerpt.Of(c.Bus)}[{c.Bit}] is outside the bus (width {doc.Inputs[bus].Width})");
        }

        try
        {
            var b = new NetlistBuilder(n + 16);
            var map = new int[n];
            var inputLits = new int[doc.InputNodes];
            var nextBus = 0;
            var added = 0;
            var kinds = doc.Kinds;
            var f0 = doc.F0;
            var f1 = doc.F1;
            for (var i = 1; i < n; i++)
            {
                switch (kinds[i])
                {
                    case NodeKind.Input:
                        // Add whole buses until this position exists (zero-width buses keep their order).
                        while (f0[i] >= added)
                        {
                            var (name, w, _) = doc.Inputs[nextBus++];
                            b.AddInputBus(name, w).CopyTo(inputLits, added);
                            added += w;
                        }
                        map[i] = inputLits[f0[i]];
                        break;
                    case NodeKind.And:
                        map[i] = b.And(map[f0[i] >> 1] ^ (f0[i] & 1), map[f1[i] >> 1] ^ (f1[i] & 1));
                        break;
                    case NodeKind.Xor:
                        map[i] = b.Xor(map[f0[i] >> 1] ^ (f0[i] & 1), map[f1[i] >> 1] ^ (f1[i] & 1));
                        break;
                    case NodeKind.Latch:
                        map[i] = b.AddLatch(f1[i]);
                        break;
                }
            }
            while (nextBus < doc.Inputs.Count)
            {
                var (name, w, _) = doc.Inputs[nextBus++];
                b.AddInputBus(name, w);
            }
            foreach (var (latch, _) in doc.Latches)
                b.SetLatchNext(map[latch], NetlistBuilder.MapLit(map, f0[latch]));
            foreach (var (name, bits, _) in doc.Outputs)
            {
                var mapped = new int[bits.Length];
                for (var i = 0; i < bits.Length; i++)
                    mapped[i] = NetlistBuilder.MapLit(map, bits[i]);
                b.AddOutputBus(name, mapped);
            }
            foreach (var (c, _) in doc.Constraints)
                b.AddConstraint(c);
            foreach (var (k, v) in doc.Attributes)
                b.SetAttribute(k, v);
            return b.Build();
        }
        catch (ArgumentException e)
        {
            throw new NetlistException($"{source}: {Excerpt.OneLine(e.Message)}", e);
        }
    }

    // ---- sections ----------------------------------------------------------------------------

    private static void ReadAttributes(ref Utf8JsonReader r, byte[] data, string source, Document doc)
    {
        Next(ref r, data, source);
        Expect(ref r, data, source, JsonTokenType.StartObject, "\"attributes\" must be an object of strings");
        while (true)
        {
            Next(ref r, data, source);
            if (r.TokenType == JsonTokenType.EndObject)
                return;
            var key = r.GetString()!;
            Next(ref r, data, source);
            Expect(ref r, data, source, JsonTokenType.String, $"attribute \"{Excerpt.Of(key)}\" must be a string");
            doc.Attributes[key] = r.GetString()!;
        }
    }

    private delegate void FieldReader(ref Utf8JsonReader r, string field);

    /// <summary>
    /// Reads an array of objects (the buses, the constraints): for each object <paramref name="begin"/>,
    /// then <paramref name="field"/> per field (the reader on its name), then <paramref name="end"/> with the object's offset.
    /// </summary>
    private static void ReadObjects(ref Utf8JsonReader r, byte[] data, string source, string arrayProblem, string objectProblem,
        Action begin, FieldReader field, Action<long> end)
    {
        Next(ref r, data, source);
        Expect(ref r, data, source, JsonTokenType.StartArray, arrayProblem);
        while (true)
        {
            Next(ref r, data, source);
            if (r.TokenType == JsonTokenType.EndArray)
                return;
            var at = r.TokenStartIndex;
            Expect(ref r, data, source, JsonTokenType.StartObject, objectProblem);
            begin();
            while (true)
            {
                Next(ref r, data, source);
                if (r.TokenType == JsonTokenType.EndObject)
                    break;
                field(ref r, r.GetString() ?? "");
            }
            end(at);
        }
    }

    private static NetlistException UnknownField(ref Utf8JsonReader r, byte[] data, string source, string field, string where) =>
        Fail(data, source, r.TokenStartIndex, $"unknown field \"{Excerpt.Of(field)}\" in {where}");

    private static void ReadInputs(ref Utf8JsonReader r, byte[] data, string source, Document doc)
    {
        string? name = null;
        var width = -1;
        ReadObjects(ref r, data, source, "\"inputs\" must be an array of buses", "an input bus must be an object {\"name\", \"width\"}",
            () => (name, width) = (null, -1),
            (ref Utf8JsonReader r, string field) =>
            {
                if (field == "name")
                    name = ReadName(ref r, data, source);
                else if (field == "width")
                    width = ReadInt(ref r, data, source, "width");
                else
                    throw UnknownField(ref r, data, source, field, "an input bus");
            },
            at =>
            {
                if (name is null || width < 0)
                    throw Fail(data, source, at, "an input bus needs \"name\" and a non-negative \"width\"");
                doc.Inputs.Add((name, width, at));
            });
    }

    private static void ReadOutputs(ref Utf8JsonReader r, byte[] data, string source, Document doc)
    {
        var bits = new List<int>();
        string? name = null;
        int[]? lits = null;
        ReadObjects(ref r, data, source, "\"outputs\" must be an array of buses", "an output bus must be an object {\"name\", \"bits\"}",
            () => (name, lits) = (null, null),
            (ref Utf8JsonReader r, string field) =>
            {
                if (field == "name")
                {
                    name = ReadName(ref r, data, source);
                    return;
                }
                if (field != "bits")
                    throw UnknownField(ref r, data, source, field, "an output bus");
                Next(ref r, data, source);
                Expect(ref r, data, source, JsonTokenType.StartArray, "\"bits\" must be an array of literals");
                bits.Clear();
                while (true)
                {
                    Next(ref r, data, source);
                    if (r.TokenType == JsonTokenType.EndArray)
                        break;
                    var lit = Int(ref r, data, source, "an output literal");
                    if (lit < 0)
                        throw Fail(data, source, r.TokenStartIndex, $"output literal {lit} is negative");
                    bits.Add(lit);
                }
                lits = [.. bits];
            },
            at =>
            {
                if (name is null || lits is null)
                    throw Fail(data, source, at, "an output bus needs \"name\" and \"bits\"");
                doc.Outputs.Add((name, lits, at));
            });
    }

    private static void ReadConstraints(ref Utf8JsonReader r, byte[] data, string source, Document doc)
    {
        string? bus = null;
        int bit = -1, value = -1;
        ReadObjects(ref r, data, source, "\"constraints\" must be an array", "a constraint must be an object {\"bus\", \"bit\", \"value\"}",
            () => (bus, bit, value) = (null, -1, -1),
            (ref Utf8JsonReader r, string field) =>
            {
                switch (field)
                {
                    case "bus": bus = ReadName(ref r, data, source); break;
                    case "bit": bit = ReadInt(ref r, data, source, "bit"); break;
                    case "value": value = ReadInt(ref r, data, source, "value"); break;
                    default: throw UnknownField(ref r, data, source, field, "a constraint");
                }
            },
            at =>
            {
                if (bus is null || bit < 0 || value is not (0 or 1))
                    throw Fail(data, source, at, "a constraint needs \"bus\", a non-negative \"bit\" and \"value\" 0 or 1");
                doc.Constraints.Add((new InputConstraint(bus, bit, value == 1), at));
            });
    }

    private static void ReadNodes(ref Utf8JsonReader r, byte[] data, string source, Document doc)
    {
        if (doc.HasNodes)
            throw Fail(data, source, r.TokenStartIndex, "\"nodes\" appears twice");
        doc.HasNodes = true;
        Next(ref r, data, source);
        Expect(ref r, data, source, JsonTokenType.StartArray, "\"nodes\" must be an array of [kind, fanin0, fanin1] triples");
        doc.ReserveDeclared(data.Length);
        while (true)
        {
            Next(ref r, data, source);
            if (r.TokenType == JsonTokenType.EndArray)
                return;
            var at = r.TokenStartIndex;
            var i = doc.Count;
            if (r.TokenType != JsonTokenType.StartArray)
                throw Fail(data, source, at, $"node n{i} must be a [kind, fanin0, fanin1] triple");
            var kind = NodeField(ref r, data, source, i, "kind");
            var a = NodeField(ref r, data, source, i, "fanin0");
            var b = NodeField(ref r, data, source, i, "fanin1");
            Next(ref r, data, source);
            if (r.TokenType != JsonTokenType.EndArray)
                throw Fail(data, source, at, $"node n{i} must be a [kind, fanin0, fanin1] triple");
            switch (kind)
            {
                case (int)NodeKind.Input:
                    if (a != doc.InputNodes || b != 0)
                        throw Fail(data, source, at, $"input node n{i} has position {a}, expected {doc.InputNodes} (inputs appear in input order, as [1, position, 0])");
                    doc.InputNodes++;
                    break;
                case (int)NodeKind.And:
                case (int)NodeKind.Xor:
                    if (a < 0 || b < 0)
                        throw Fail(data, source, at, $"node n{i}: negative fanin literal");
                    if (a >> 1 >= i || b >> 1 >= i)
                        throw Fail(data, source, at, $"node n{i}: fanin {(a >> 1 >= i ? a : b)} points forward to n{Math.Max(a, b) >> 1} (nodes must be in topological order)");
                    break;
                case (int)NodeKind.Latch:
                    if (a < 0)
                        throw Fail(data, source, at, $"latch n{i}: negative next-state literal");
                    if (b is < 0 or > 2)
                        throw Fail(data, source, at, $"latch n{i}: reset value {b} must be 0, 1 or 2 (none)");
                    doc.Latches.Add((i, at));
                    break;
                default:
                    throw Fail(data, source, at, $"node n{i}: unknown kind {kind} (1 input, 2 and, 3 xor, 4 latch)");
            }
            doc.AddNode(kind, a, b);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Next(ref Utf8JsonReader r, byte[] data, string source)
    {
        if (!r.Read())
            throw Fail(data, source, data.Length, "unexpected end of file");
    }

    private static void Expect(ref Utf8JsonReader r, byte[] data, string source, JsonTokenType type, string problem)
    {
        if (r.TokenType != type)
            throw Fail(data, source, r.TokenStartIndex, problem);
    }

    private static void ExpectProperty(ref Utf8JsonReader r, byte[] data, string source, string name)
    {
        Next(ref r, data, source);
        if (r.TokenType != JsonTokenType.PropertyName || !r.ValueTextEquals(name))
            throw Fail(data, source, r.TokenStartIndex,
                $"expected the field \"{name}\" here: not a {NetlistJson.FormatName} file (it starts with \"format\", then \"version\")");
    }

    private static int ReadInt(ref Utf8JsonReader r, byte[] data, string source, string what)
    {
        Next(ref r, data, source);
        return Int(ref r, data, source, what);
    }

    private static int Int(ref Utf8JsonReader r, byte[] data, string source, string what)
    {
        if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out var v))
            throw Fail(data, source, r.TokenStartIndex, $"{what} must be an integer, found {Describe(ref r)}");
        return v;
    }

    /// <summary>The next token as a node field; the message is only built when the token is not an integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NodeField(ref Utf8JsonReader r, byte[] data, string source, int node, string field)
    {
        Next(ref r, data, source);
        if (r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var v))
            return v;
        return Int(ref r, data, source, $"node n{node} {field}");
    }

    private static string ReadName(ref Utf8JsonReader r, byte[] data, string source)
    {
        Next(ref r, data, source);
        var s = r.TokenType == JsonTokenType.String ? r.GetString() : null;
        if (string.IsNullOrEmpty(s))
            throw Fail(data, source, r.TokenStartIndex, "a bus name must be a non-empty string");
        return s;
    }

    private static string Describe(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.String => $"\"{Excerpt.Of(r.GetString()!)}\"",
        JsonTokenType.Number => Excerpt.Of(r.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => r.TokenType.ToString(),
    };

    /// <summary>An error at byte <paramref name="offset"/> of the file, as "line L, byte B" (both from 1).</summary>
    internal static NetlistException Fail(byte[] data, string source, long offset, string problem)
    {
        var (line, column) = Position(data, offset);
        return new NetlistException($"{source}: line {line}, byte {column}: {problem}");
    }

    internal static (long Line, long Column) Position(ReadOnlySpan<byte> data, long offset)
    {
        offset = Math.Clamp(offset, 0, data.Length);
        var before = data[..(int)offset];
        var line = before.Count((byte)'\n') + 1;
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (line, offset - lastNewline);
    }
}
