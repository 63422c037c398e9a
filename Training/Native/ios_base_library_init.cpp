// Defines std::ios_base_library_init(), which libstdc++ 13 (GLIBCXX_3.4.32) exports and
// TorchSharp 0.107's libLibTorchSharp.so asks for. Older libstdc++ (Debian 12: 3.4.30) lacks it;
// the build compiles this file with the system g++ and GateForge dlopens it (RTLD_GLOBAL) before
// TorchSharp loads, after the build has made that symbol's version requirement weak.
#include <ios>

namespace std
{
__attribute__((visibility("default"))) void ios_base_library_init()
{
    static ios_base::Init init;
}
}
