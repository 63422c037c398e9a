using System.Globalization;
using GateForge.TestKit;

namespace GateForge.Emitters.Tests;

/// <summary>The AXI4-Stream wrapper under random back-pressure: every result exactly once, in order.</summary>
public sealed class AxiStreamTests
{
    private const string Bench = """
        module axis_bench;
          parameter NVEC = 1;
          reg [SW-1:0] vin [0:NVEC-1];
          reg [NO-1:0] vout [0:NVEC-1];
          reg clk;
          reg rst;
          reg [SW-1:0] s_tdata;
          reg s_tvalid;
          wire s_tready;
          wire [MW-1:0] m_tdata;
          wire m_tvalid;
          reg m_tready;
          integer seed, sent, ns, recv, cycle, after;
          DESIGN_axis dut (.clk(clk), .rst(rst), .s_axis_tdata(s_tdata), .s_axis_tvalid(s_tvalid), .s_axis_tready(s_tready),
            .m_axis_tdata(m_tdata), .m_axis_tvalid(m_tvalid), .m_axis_tready(m_tready));
          always #5 clk = ~clk;
          initial begin
            $readmemh("vectors_in.hex", vin);
            $readmemh("vectors_out.hex", vout);
            clk = 0; rst = 1; s_tvalid = 0; s_tdata = 0; m_tready = 0;
            seed = 12345; sent = 0; recv = 0; cycle = 0; after = 0;
            #22 rst = 0;
          end
          always @(posedge clk) if (!rst) begin
            cycle = cycle + 1;
            if (cycle > 100 * NVEC + 100) begin $display("FAIL timeout: sent %0d received %0d", sent, recv); $finish; end
            ns = sent;
            if (s_tvalid && s_tready) ns = sent + 1;
            sent = ns;
            if (m_tvalid && m_tready) begin
              if (recv >= NVEC) begin $display("FAIL result %0d repeated or extra", recv); $finish; end
              if (m_tdata[NO-1:0] !== vout[recv] || m_tdata[MW-1:NO] !== 0) begin
                $display("FAIL result %0d: expected %h got %h", recv, vout[recv], m_tdata); $finish;
              end
              recv = recv + 1;
            end
            if (recv == NVEC) begin
              after = after + 1;
              if (after > 40) begin $display("PASS %0d/%0d", recv, NVEC); $finish; end
            end
            // AXI: a raised tvalid stays up, with the same data, until the handshake.
            if (!(s_tvalid && !s_tready)) begin
              if (ns < NVEC && (($random(seed) & 15) < (cycle % 200 < 100 ? 14 : 4))) begin
                s_tvalid <= 1'b1;
                s_tdata <= vin[ns];
              end else
                s_tvalid <= 1'b0;
            end
            // Phases of heavy and light back-pressure.
            m_tready <= recv == NVEC || (($random(seed) & 15) < (cycle % 150 < 75 ? 2 : 13));
          end
        endmodule
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Random_back_pressure_loses_and_repeats_nothing(int every)
    {
        var nl = TestDesigns.Toy();
        using var dir = new TempDir();
        var options = TestDesigns.Options("toy", nl, vectors: 300) with
        {
            Pipelined = TestDesigns.Pipelined(nl, every),
            Axi = true,
            Artifacts = EmitArtifacts.Verilog | EmitArtifacts.TestBench,
        };
        var r = DesignEmitter.Emit(nl, options, dir.File("toy"));
        var sw = (nl.InputCount + 7) / 8 * 8;
        var no = nl.OutputCount;
        var mw = (no + 7) / 8 * 8;
        File.WriteAllText(Path.Combine(r.OutputDir, "axis_bench.v"), Bench
            .Replace("DESIGN", "toy", StringComparison.Ordinal)
            .Replace("SW", sw.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("MW", mw.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("NO", no.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("parameter NVEC = 1;", "parameter NVEC = 300;", StringComparison.Ordinal));
        var output = Tools.Icarus(r.OutputDir, "axis_bench", "toy_pipe.v", "toy_axis.v", "axis_bench.v");
        Assert.Contains("PASS 300/300", output);
    }

    [Fact]
    public void Wrapper_is_lint_clean_in_verilator()
    {
        var nl = TestDesigns.Toy();
        using var dir = new TempDir();
        var options = new EmitOptions { DesignName = "toy", Pipelined = TestDesigns.Pipelined(nl, 2), Axi = true, Artifacts = EmitArtifacts.Verilog };
        var r = DesignEmitter.Emit(nl, options, dir.File("toy"));
        Tools.Run(r.OutputDir, "verilator", "--lint-only", "-Wall", "-Wno-DECLFILENAME", "-Wno-UNUSEDSIGNAL", "-Wno-UNUSEDPARAM", "--top-module", "toy_axis", "toy_pipe.v", "toy_axis.v");
    }
}
