namespace GateForge.Ir;

/// <summary>
/// The one definition of each name the projects share (as Yosys's <c>ID()</c>): bus names,
/// attribute keys and the file names of a design folder. Every project uses these constants;
/// a literal copy elsewhere is a bug waiting for a rename.
/// </summary>
public static class Names
{
    /// <summary>Bus names (docs/ARCHITECTURE.md, generated-file contract).</summary>
    public static class Buses
    {
        /// <summary>The encoded input bits of a frozen model.</summary>
        public const string Input = "x";
        /// <summary>The head's per-class popcounts, class 0 in the low bits.</summary>
        public const string Scores = "scores";
        /// <summary>The head's argmax.</summary>
        public const string ClassId = "class_id";
        /// <summary>1-bit valid input of a pipelined netlist (its last input bus).</summary>
        public const string InValid = "in_valid";
        /// <summary>1-bit valid output of a pipelined netlist (its last output bus).</summary>
        public const string OutValid = "out_valid";
        /// <summary>1-bit input of a sequential (recurrent) design: this step is its sequence's last (SPEC §8).</summary>
        public const string InLast = "in_last";
    }

    /// <summary>Netlist attribute keys.</summary>
    public static class Attributes
    {
        /// <summary>The design name.</summary>
        public const string Design = "design";
        /// <summary>Classes of the head (set by <see cref="HeadBuilder"/>).</summary>
        public const string HeadClasses = "head.classes";
        /// <summary>Bits per class score (set by <see cref="HeadBuilder"/>).</summary>
        public const string HeadScoreBits = "head.score_bits";
        /// <summary>Cycles from input to output of a pipelined netlist (set by the pipeline pass).</summary>
        public const string PipelineLatency = "pipeline.latency";
        /// <summary>Logic levels per register stage (set by the pipeline pass).</summary>
        public const string PipelineEvery = "pipeline.every";
        /// <summary><c>class_id</c> for a head whose only output is class_id (set by <see cref="HeadBuilder.AddClassIdHead"/>); absent for scores and class_id.</summary>
        public const string HeadOutputs = "head.outputs";
        /// <summary>The first node id of each part of the design as built (<see cref="DesignParts"/>).</summary>
        public const string BuiltParts = "built.parts";
        /// <summary>Cycles from the clock that takes a sequence's last step to out_valid (a frozen recurrent design).</summary>
        public const string SequenceLatency = "sequence.latency";
    }

    /// <summary>File names inside a design folder.</summary>
    public static class Files
    {
        /// <summary>The optimised netlist.</summary>
        public const string Netlist = "netlist.json";
        /// <summary>The netlist before optimisation, kept so `verify` can compare them.</summary>
        public const string OriginalNetlist = "netlist.orig.json";
        /// <summary>The design manifest (Emitters' DesignManifest): every file and what it is.</summary>
        public const string Manifest = "design.json";
        public const string VectorsIn = "vectors_in.hex";
        public const string VectorsOut = "vectors_out.hex";
        /// <summary>The design's report (Flow).</summary>
        public const string Report = "report.json";
        /// <summary>The report rendered as one HTML page (Flow).</summary>
        public const string ReportHtml = "report.html";
    }
}
