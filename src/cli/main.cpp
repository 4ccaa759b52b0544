/// \file main.cpp
/// \brief The hrsnn executable: parses the command line and dispatches; no logic lives here.
///
/// Exit status: 0 success, 2 bad input (the message names the file, key or value), 1 other failure,
/// 130 interrupted by Ctrl-C (run, mc, sweep, reproduce: finished jobs kept for --resume).
#include "cli/cmd_optimize.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/stop.hpp"
#include "experiments/bo_objectives.hpp"
#include "io/run_folder.hpp"

#include <csignal>
#include <cstring>
#include <iostream>
#include <unistd.h>

namespace {

// First Ctrl-C: finish the running jobs, keep every finished one, exit 130 (--resume continues).
// Second: the default action, at once.
extern "C" void on_interrupt(int) {
  hrsnn::request_stop();
  const char msg[] = "\nhrsnn: stopping after the running jobs finish (Ctrl-C again to abort now)\n";
  [[maybe_unused]] const auto n = write(STDERR_FILENO, msg, sizeof msg - 1);
  std::signal(SIGINT, SIG_DFL);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hrsnn " + hrsnn::io::version() +
               ": heterogeneous recurrent spiking neural networks (Chakraborty & Mukhopadhyay, ICLR 2023)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", hrsnn::io::version());
  hrsnn::cli::Action action;
  hrsnn::cli::add_simulate_command(app, action);
  hrsnn::cli::add_run_command(app, action);
  hrsnn::cli::add_sweep_command(app, action);
  hrsnn::experiments::register_hrsnn_objectives();
  hrsnn::cli::add_optimize_command(app);
  hrsnn::cli::add_reproduce_command(app, action);
  hrsnn::cli::add_report_command(app, action);
  // Commands made of journaled jobs stop between jobs; the others keep the default Ctrl-C.
  if (argc > 1)
    for (const char* cmd : {"run", "mc", "sweep", "reproduce"})
      if (std::strcmp(argv[1], cmd) == 0) std::signal(SIGINT, on_interrupt);
  // optimize runs inside parsing (its callback), the other commands after it: both paths
  // report bad input the same way.
  try {
    // CLI11 would only say "A subcommand is required" for a misspelt command: name it.
    if (argc > 1 && argv[1][0] != '-') {
      std::string known;
      bool found = false;
      for (const CLI::App* sub : app.get_subcommands({})) {
        found = found || sub->get_name() == argv[1];
        known += (known.empty() ? "" : ", ") + sub->get_name();
      }
      if (!found) throw hrsnn::InputError(std::string("unknown command '") + argv[1] + "' (commands: " + known + ")");
    }
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      const int rc = app.exit(e);
      // A subcommand that ran inside parsing reports its own status (optimize: 3 = stopped
      // after repeated failures); usage errors are bad input.
      if (dynamic_cast<const CLI::RuntimeError*>(&e) != nullptr) return rc;
      return rc == 0 ? 0 : 2;
    }
    return action ? action() : 0;
  } catch (const hrsnn::InputError& e) {
    std::cerr << "hrsnn: error: " << e.what() << '\n';
    return 2;
  } catch (const hrsnn::StopRequested&) {
    std::cerr << "hrsnn: interrupted; finished jobs are kept in the run folder (rerun with --resume to continue)\n";
    return 130;
  } catch (const std::bad_alloc&) {
    std::cerr << "hrsnn: error: out of memory; reduce the network size\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "hrsnn: internal error: " << e.what() << '\n';
    return 1;
  }
}
