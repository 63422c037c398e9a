// MSBuild inline task (RoslynCodeTaskFactory), used by TorchSharpDebian.targets. It edits an ELF64
// little-endian shared object in place (through a temporary file and a rename): the GLIBCXX_3.4.32
// entry of .gnu.version_r becomes weak (vna_flags |= VER_FLG_WEAK) and every dynamic symbol bound
// to that version (only _ZSt21ios_base_library_initv in TorchSharp 0.107) gets .gnu.version = 1.
// It does nothing when the system libstdc++ already provides GLIBCXX_3.4.32.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class GateForgePatchLibTorchSharp : Task
{
    private const string MissingVersion = "GLIBCXX_3.4.32";
    private const uint ShtDynsym = 11;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const ushort VerFlgWeak = 2;

    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Folders whose libLibTorchSharp.so needs the ios_base_library_init shim beside it.</summary>
    [Output]
    public ITaskItem[] ShimDirs { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        if (SystemLibStdCxxHas(MissingVersion))
        {
            Log.LogMessage(MessageImportance.Low, "GateForge: system libstdc++ has " + MissingVersion + "; TorchSharp needs no patch");
            return true;
        }
        var dirs = new List<ITaskItem>();
        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            if (!File.Exists(path))
                continue;
            try
            {
                var changed = Patch(path);
                Log.LogMessage(MessageImportance.Normal, "GateForge: " + (changed ? "patched " : "already patched ") + path);
            }
            catch (InvalidDataException e)
            {
                Log.LogError("GateForge: cannot patch " + path + ": " + e.Message);
                return false;
            }
            dirs.Add(new TaskItem(Path.GetDirectoryName(path) + Path.DirectorySeparatorChar));
        }
        ShimDirs = dirs.ToArray();
        return true;
    }

    private static bool SystemLibStdCxxHas(string version)
    {
        string[] dirs = { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib" };
        foreach (var dir in dirs)
        {
            var lib = Path.Combine(dir, "libstdc++.so.6");
            if (File.Exists(lib))
                return IndexOf(File.ReadAllBytes(lib), Encoding.ASCII.GetBytes(version + "\0")) >= 0;
        }
        return false;
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = Array.IndexOf(haystack, needle[0]); i >= 0 && i <= haystack.Length - needle.Length; i = Array.IndexOf(haystack, needle[0], i + 1))
        {
            var j = 1;
            while (j < needle.Length && haystack[i + j] == needle[j])
                j++;
            if (j == needle.Length)
                return i;
        }
        return -1;
    }

    /// <summary>Returns true when the file changed.</summary>
    private static bool Patch(string path)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a little-endian ELF64 file");
        var shoff = checked((int)U64(elf, 0x28));
        int shentsize = U16(elf, 0x3A);
        int shnum = U16(elf, 0x3C);
        int verneed = -1, versym = -1, dynsym = -1;
        for (var i = 0; i < shnum; i++)
        {
            var type = U32(elf, shoff + i * shentsize + 4);
            if (type == ShtGnuVerneed) verneed = i;
            else if (type == ShtGnuVersym) versym = i;
            else if (type == ShtDynsym) dynsym = i;
        }
        if (verneed < 0 || versym < 0 || dynsym < 0)
            throw new InvalidDataException("no .gnu.version_r, .gnu.version or .dynsym section");

        var changed = false;
        var versionIndex = -1;
        var needOff = SectionOffset(elf, shoff, shentsize, verneed);
        var needStr = SectionOffset(elf, shoff, shentsize, (int)U32(elf, shoff + verneed * shentsize + 0x28));
        var vn = needOff;
        while (true)
        {
            int count = U16(elf, vn + 2);
            var aux = vn + (int)U32(elf, vn + 8);
            for (var a = 0; a < count; a++)
            {
                if (CString(elf, needStr + (int)U32(elf, aux + 8)) == MissingVersion)
                {
                    versionIndex = U16(elf, aux + 6) & 0x7fff;
                    var flags = U16(elf, aux + 4);
                    if ((flags & VerFlgWeak) == 0)
                    {
                        W16(elf, aux + 4, (ushort)(flags | VerFlgWeak));
                        changed = true;
                    }
                }
                aux += (int)U32(elf, aux + 12);
            }
            var next = U32(elf, vn + 12);
            if (next == 0) break;
            vn += (int)next;
        }
        if (versionIndex < 0)
            return false; // this build of the library does not ask for the version

        var symOff = SectionOffset(elf, shoff, shentsize, dynsym);
        var symSize = (int)U64(elf, shoff + dynsym * shentsize + 0x20);
        var verOff = SectionOffset(elf, shoff, shentsize, versym);
        var symbols = symSize / 24;
        for (var s = 0; s < symbols; s++)
        {
            var entry = verOff + s * 2;
            if ((U16(elf, entry) & 0x7fff) == versionIndex)
            {
                W16(elf, entry, 1);
                changed = true;
            }
        }
        if (!changed)
            return false;
        var tmp = path + ".gfpatch.tmp";
        File.WriteAllBytes(tmp, elf);
        File.Delete(path); // a new inode: a hard link into the NuGet cache stays untouched
        File.Move(tmp, path);
        return true;
    }

    private static int SectionOffset(byte[] elf, int shoff, int shentsize, int index) =>
        checked((int)U64(elf, shoff + index * shentsize + 0x18));

    private static ushort U16(byte[] b, int at) => (ushort)(b[at] | b[at + 1] << 8);
    private static uint U32(byte[] b, int at) => (uint)U16(b, at) | (uint)U16(b, at + 2) << 16;
    private static ulong U64(byte[] b, int at) => (ulong)U32(b, at) | (ulong)U32(b, at + 4) << 32;

    private static void W16(byte[] b, int at, ushort value)
    {
        b[at] = (byte)value;
        b[at + 1] = (byte)(value >> 8);
    }

    private static string CString(byte[] b, int at)
    {
        var end = Array.IndexOf(b, (byte)0, at);
        return Encoding.ASCII.GetString(b, at, end - at);
    }
}
