/// \file esn_classification.cpp
/// \brief Whole-sequence classification with the ESN's bin-end states (protocol in esn_tasks.hpp).
#include "baselines/esn_tasks.hpp"

#include "core/error.hpp"
#include "metrics/classification.hpp"
#include "readout/logistic.hpp"
#include "readout/ridge_classifier.hpp"
#include "readout/standardize.hpp"

#include <algorithm>
#include <chrono>
#include <limits>

namespace hrsnn::baselines {
namespace {

// Bin b spans rows [T b / B, max(lo + 1, T (b + 1) / B)), clipped to T: classification_task's bins.
Eigen::Index bin_end(Eigen::Index rows, int b, int bins) {
  const Eigen::Index lo = rows * b / bins;
  return std::min(std::max(lo + 1, rows * (b + 1) / bins), rows);
}

// Features of every sequence for each setting of a batch (one matrix per setting).
std::vector<Eigen::MatrixXd> feature_matrices(const Esn& drawn, const std::vector<EsnSetting>& batch,
                                              const std::vector<Eigen::MatrixXd>& set, const readout::Standardizer& z,
                                              const EsnClassificationOptions& o) {
  const Eigen::Index n = drawn.params().n, d = drawn.input_weights().cols();
  std::vector<Eigen::MatrixXd> f(batch.size(),
                                 Eigen::MatrixXd(static_cast<Eigen::Index>(set.size()), o.bins * (n + (o.readout_input ? d : 0))));
  for (std::size_t k = 0; k < set.size(); ++k) {
    const Eigen::MatrixXd u = z.transform(set[k]);
    const auto row = static_cast<Eigen::Index>(k);
    const std::vector<Eigen::MatrixXd> states = drawn.run_settings(u, batch);
    for (std::size_t s = 0; s < batch.size(); ++s) {
      f[s].row(row).head(o.bins * n) = bin_end_states(states[s], o.bins);
      if (o.readout_input)
        for (int b = 0; b < o.bins; ++b) {
          const Eigen::Index lo = u.rows() * b / o.bins, hi = bin_end(u.rows(), b, o.bins);
          f[s].row(row).segment(o.bins * n + b * d, d) = u.middleRows(lo, hi - lo).colwise().mean();
        }
    }
  }
  return f;
}

void check_set(const std::vector<Eigen::MatrixXd>& set, const std::vector<int>& labels, int n_classes, Eigen::Index d,
               const char* name) {
  require(!set.empty(), std::string("esn_classification: the ") + name + " set is empty");
  require(set.size() == labels.size(), std::string("esn_classification: ") + name + " has " + std::to_string(set.size()) +
                                           " sequences but " + std::to_string(labels.size()) + " labels");
  for (std::size_t k = 0; k < set.size(); ++k) {
    require(set[k].rows() > 0 && set[k].cols() == d && set[k].allFinite(),
            std::string("esn_classification: ") + name + " sequence " + std::to_string(k) +
                " is empty, has another number of dimensions or holds NaN/inf");
    require(labels[k] >= 0 && labels[k] < n_classes, std::string("esn_classification: ") + name + " label " +
                                                         std::to_string(labels[k]) + " outside 0.." + std::to_string(n_classes - 1));
  }
}

}  // namespace

Eigen::RowVectorXd bin_end_states(const Eigen::MatrixXd& states, int bins) {
  require(bins >= 1, "esn_classification: bins must be >= 1, got " + std::to_string(bins));
  require(states.rows() > 0, "esn_classification: a run has no states");
  Eigen::RowVectorXd out(bins * states.cols());
  for (int b = 0; b < bins; ++b) out.segment(b * states.cols(), states.cols()) = states.row(bin_end(states.rows(), b, bins) - 1);
  return out;
}

EsnClassificationResult esn_classification(const std::vector<Eigen::MatrixXd>& train, const std::vector<int>& train_labels,
                                           const std::vector<Eigen::MatrixXd>& test, const std::vector<int>& test_labels,
                                           int n_classes, const EsnClassificationOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  require(n_classes >= 2, "esn_classification: n_classes must be >= 2, got " + std::to_string(n_classes));
  require(o.readout == "ridge" || o.readout == "logistic",
          "esn_classification: readout must be ridge or logistic, got '" + o.readout + "'");
  require(o.bins >= 1, "esn_classification: bins must be >= 1, got " + std::to_string(o.bins));
  require(!train.empty(), "esn_classification: the train set is empty");
  const Eigen::Index d = train.front().cols();
  check_set(train, train_labels, n_classes, d, "train");
  check_set(test, test_labels, n_classes, d, "test");
  Eigen::Index rows = 0;
  for (const auto& s : train) rows += s.rows();
  Eigen::MatrixXd all(rows, d);
  rows = 0;
  for (const auto& s : train) {
    all.middleRows(rows, s.rows()) = s;
    rows += s.rows();
  }
  const readout::Standardizer z = readout::Standardizer::fit(all);
  const Esn drawn(o.base, d);
  const std::vector<EsnSetting> settings = grid_settings(o.grid, o.base);
  const readout::RowSplit split = readout::make_validation_split(static_cast<Eigen::Index>(train.size()),
                                                                 o.grid.validation_fraction, readout::ValidationSplit::kInterleaved);
  std::vector<int> y_fit, y_val;
  for (auto i : split.fit) y_fit.push_back(train_labels[static_cast<std::size_t>(i)]);
  for (auto i : split.validation) y_val.push_back(train_labels[static_cast<std::size_t>(i)]);

  EsnClassificationResult out;
  out.chosen.validation_score = -1.0;
  double best_mse = std::numeric_limits<double>::infinity();
  const Eigen::MatrixXd targets_val = readout::one_vs_rest_targets(y_val, n_classes);
  EsnSetting best{};
  for (const auto& batch : setting_batches(settings, 8.0 * static_cast<double>(train.size()) * o.bins * o.base.n)) {
    const std::vector<Eigen::MatrixXd> features = feature_matrices(drawn, batch, train, z, o);
    for (std::size_t b = 0; b < batch.size(); ++b) {
      Eigen::MatrixXd xf = readout::take_rows(features[b], split.fit), xv = readout::take_rows(features[b], split.validation);
      const readout::Standardizer zf = readout::Standardizer::fit(xf);
      zf.transform_inplace(xf);
      zf.transform_inplace(xv);
      const readout::RidgePath path(xf, readout::one_vs_rest_targets(y_fit, n_classes));
      const Eigen::MatrixXd proj = path.project(xv);
      for (double alpha : o.grid.ridge_alphas) {
        const Eigen::MatrixXd scores = path.predict_projected(proj, alpha);
        const double acc = metrics::accuracy(y_val, readout::argmax_rows(scores));
        // Few validation sequences tie often on accuracy: then the lower squared error of the
        // ±1 targets wins (RidgeClassifier's rule), not the first setting of the grid.
        const double mse = (scores - targets_val).squaredNorm() / static_cast<double>(scores.size());
        if (acc > out.chosen.validation_score || (acc == out.chosen.validation_score && mse < best_mse)) {
          out.chosen.validation_score = acc;
          out.chosen.ridge_alpha = alpha;
          best_mse = mse;
          best = batch[b];
        }
      }
    }
  }
  const Esn esn = drawn.rescaled(best.leak, best.spectral_radius, best.input_scaling);
  const std::vector<EsnSetting> chosen{best};
  Eigen::MatrixXd x_train = std::move(feature_matrices(drawn, chosen, train, z, o).front());
  Eigen::MatrixXd x_test = std::move(feature_matrices(drawn, chosen, test, z, o).front());
  const readout::Standardizer zx = readout::Standardizer::fit(x_train);
  zx.transform_inplace(x_train);
  zx.transform_inplace(x_test);
  if (o.readout == "logistic") {
    readout::LogisticOptions lo;
    lo.C_grid = {1e-3, 1e-2, 1e-1, 1.0, 10.0};  // classification_task's grid
    out.predicted = readout::logistic_fit(x_train, train_labels, n_classes, lo).predict(x_test);
  } else if (o.readout_input) {
    // The spiking reservoir's readout rule (classification_task): the input block's scale and
    // lambda chosen together on the validation part, so both reservoirs get the same readout.
    const readout::RidgeClassifier c =
        readout::ridge_classifier_fit(x_train, train_labels, n_classes, readout::with_input_block(o.bins * o.base.n));
    out.chosen.ridge_alpha = c.ridge.lambdas(0);
    out.predicted = c.predict(x_test);
  } else {
    out.predicted = readout::ridge_classifier_fit(x_train, train_labels, n_classes, out.chosen.ridge_alpha).predict(x_test);
  }
  out.accuracy = metrics::accuracy(test_labels, out.predicted);
  out.chosen.params = esn.params();
  out.chosen.settings_tried = static_cast<int>(settings.size());
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace hrsnn::baselines
