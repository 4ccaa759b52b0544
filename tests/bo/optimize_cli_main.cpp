// Stand-alone `optimize` command (the lead's hrsnn main wires the same add_optimize_command):
// lets tests/bo exercise the CLI before src/cli/main.cpp exists.
#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/cmd_optimize.hpp"
#include "core/error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"hrsnn (bo test driver)"};
  app.require_subcommand(1);
  hrsnn::cli::add_optimize_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const hrsnn::InputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
