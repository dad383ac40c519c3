#pragma once
namespace kulanz::cli {
// Runs the `kulanz` command line; returns the process exit status.
int run(int argc, char** argv);
}  // namespace kulanz::cli
