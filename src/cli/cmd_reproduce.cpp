/// \file cmd_reproduce.cpp
/// \brief `hrsnn reproduce`: runs the paper's comparison end to end and writes claims.json.
#include "cli/cmd_optimize.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "experiments/reproduce.hpp"

#include <iostream>
#include <memory>

namespace hrsnn::cli {
namespace {

struct ReproduceArgs {
  bool quick = false;
  std::string out;
  bool force = false, resume = false;
  int threads = 2;
};

int run_reproduce_command(const ReproduceArgs& a) {
  experiments::ReproduceOptions o;
  o.quick = a.quick;
  o.out = a.out;
  o.threads = a.threads;
  o.mode = a.resume ? io::ExistingFolder::Resume : a.force ? io::ExistingFolder::Force : io::ExistingFolder::Refuse;
  o.run_bo = [&a](const std::filesystem::path& config, const std::filesystem::path& out, bool resume) {
    OptimizeOptions oo;
    oo.config = config.string();
    oo.out = out.string();
    oo.resume = resume;
    oo.threads = a.threads;
    oo.reevaluate = false;  // reproduce re-evaluates the winner itself, at the comparison's size and seeds
    const int rc = run_optimize(oo);
    require(rc == 0, "reproduce: the optimisation in " + out.string() + " stopped (status " + std::to_string(rc) + ")");
  };
  std::cerr << "hrsnn reproduce (" << (a.quick ? "quick" : "full") << " mode): expected wall time about "
            << static_cast<int>(experiments::expected_seconds(o) / 60.0 + 0.5) << " min on 2 cores; interrupt and rerun with --resume to continue\n";
  const nlohmann::json claims = experiments::run_reproduce(o);
  for (const auto& c : claims["claims"])
    std::cout << c["id"].get<std::string>() << " " << c["name"].get<std::string>() << ": "
              << (c["holds"].get<bool>() ? "holds" : "does not hold") << '\n';
  std::cout << "claims: " << (std::filesystem::path(a.out) / "claims.json").string() << "; figures: hrsnn report " << a.out << '\n';
  return 0;
}

}  // namespace

void add_reproduce_command(CLI::App& app, Action& action) {
  auto a = std::make_shared<ReproduceArgs>();
  CLI::App* cmd = app.add_subcommand(
      "reproduce",
      "Reproduce the paper's comparison: MRSNN, HeNHoS, HoNHeS, HeNHeS on memory capacity, Lorenz-63,\n"
      "Mackey-Glass and FSDD, and BO-HRSNN / BO-MRSNN searching each C4 task (best validation score at\n"
      "S <= S(MRSNN); quick: Lorenz-63, full: Lorenz-63 and FSDD); under the project's defaults and the\n"
      "paper's protocol (steps paper-*); writes claims.json (C1-C4 per protocol). --quick takes about\n"
      "9 min on 2 cores.\n"
      "Example: hrsnn reproduce --quick --out runs/reproduce && hrsnn report runs/reproduce");
  cmd->add_flag("--quick", a->quick, "N = 500, 5 seeds, 600 FSDD training recordings, a 10-evaluation Lorenz-63 search (about 9 min on 2 cores)");
  cmd->add_option("--out", a->out, "Top run folder (one sub-folder per step)")->required();
  cmd->add_flag("--force", a->force, "Replace an existing run folder");
  cmd->add_flag("--resume", a->resume, "Continue an interrupted reproduction (finished steps are kept)");
  cmd->add_option("--threads", a->threads, "Networks simulated at once")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->callback([a, &action] { action = [a] { return run_reproduce_command(*a); }; });
}

}  // namespace hrsnn::cli
