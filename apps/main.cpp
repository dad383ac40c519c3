// The one place where concrete adapters meet: everything is wired in cli::run.
#include "cli/cli.hpp"

#if defined(__SANITIZE_ADDRESS__)
// In the sanitizer build (what the tests run): fontconfig, used by pango to find the
// letters' fonts, keeps process-wide caches that LeakSanitizer reports as leaks at exit.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }
#endif

int main(int argc, char** argv) { return kulanz::cli::run(argc, argv); }
