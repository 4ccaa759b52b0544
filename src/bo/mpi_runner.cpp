#include "bo/mpi_runner.hpp"

#include <stdexcept>
#include <string>

#include "bo/journal.hpp"

#ifdef HRSNN_HAVE_MPI
#include <mpi.h>
#endif

namespace hrsnn::bo {

#ifdef HRSNN_HAVE_MPI

namespace {
constexpr int kTagTask = 1, kTagResult = 2, kTagStop = 3;
bool g_we_initialised = false;

void send_text(const std::string& s, int dest, int tag) {
  MPI_Send(s.data(), static_cast<int>(s.size()), MPI_CHAR, dest, tag, MPI_COMM_WORLD);
}

std::string recv_text(int source, int tag, MPI_Status& st) {
  MPI_Probe(source, tag, MPI_COMM_WORLD, &st);
  int n = 0;
  MPI_Get_count(&st, MPI_CHAR, &n);
  std::string s(static_cast<std::size_t>(n), '\0');
  MPI_Recv(s.data(), n, MPI_CHAR, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return s;
}

std::string task_text(const Candidate& c, std::size_t i) {
  Record r;
  r.cand = c;
  auto j = record_to_json(r);
  j["task"] = i;
  return j.dump();
}
}  // namespace

bool mpi_available() { return true; }

int mpi_init(int* argc, char*** argv, int& size) {
  int flag = 0;
  MPI_Initialized(&flag);
  if (!flag) {
    MPI_Init(argc, argv);
    g_we_initialised = true;
  }
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return rank;
}

void mpi_finalize() {
  int fin = 0;
  MPI_Finalized(&fin);
  if (g_we_initialised && !fin) MPI_Finalize();
}

void MpiEvaluator::evaluate(const std::vector<Candidate>& cands, const DoneFn& done) {
  int size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (size <= 1) {
    ThreadEvaluator(local_, 1).evaluate(cands, done);
    return;
  }
  std::size_t next = 0;
  int inflight = 0;
  for (int w = 1; w < size && next < cands.size(); ++w, ++next, ++inflight) send_text(task_text(cands[next], next), w, kTagTask);
  while (inflight > 0) {
    MPI_Status st;
    const auto j = nlohmann::json::parse(recv_text(MPI_ANY_SOURCE, kTagResult, st));
    --inflight;
    const int worker = st.MPI_SOURCE;
    if (next < cands.size()) {
      send_text(task_text(cands[next], next), worker, kTagTask);
      ++next;
      ++inflight;
    }
    const Record r = record_from_json(j);
    done(j.at("task").get<std::size_t>(), r.result, r.wall_s);
  }
}

void MpiEvaluator::shutdown() {
  int size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  for (int w = 1; w < size; ++w) send_text("", w, kTagStop);
}

void mpi_worker_loop(const Objective& f) {
  for (;;) {
    MPI_Status st;
    MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
    const std::string text = recv_text(0, st.MPI_TAG, st);
    if (st.MPI_TAG == kTagStop) return;
    const auto j = nlohmann::json::parse(text);
    Record r = record_from_json(j);
    r.result = timed_evaluate(f, r.cand, r.wall_s);
    auto out = record_to_json(r);
    out["task"] = j.at("task");
    send_text(out.dump(), 0, kTagResult);
  }
}

#else

namespace {
[[noreturn]] void no_mpi() { throw std::runtime_error("hrsnn was built without MPI (HRSNN_WITH_MPI=OFF)"); }
}  // namespace
bool mpi_available() { return false; }
int mpi_init(int*, char***, int& size) {
  size = 1;
  return 0;
}
void mpi_finalize() {}
void MpiEvaluator::evaluate(const std::vector<Candidate>& cands, const DoneFn& done) {
  ThreadEvaluator(local_, 1).evaluate(cands, done);
}
void MpiEvaluator::shutdown() {}
void mpi_worker_loop(const Objective&) { no_mpi(); }

#endif

}  // namespace hrsnn::bo
