#pragma once
// The use cases of CTA experiments (spec/growth.md, "CTA experiments (A/B)"): create, list, read
// with statistics, stop (with a winner: its CTA becomes the distribution's in the same
// transaction, with one distribution.updated event), auto-promote, and the assignment of a
// visitor to a variant from a daily salt. Writes go through DistributionService's transaction
// (so pages cached under its content generation see them at once).

#include "background/loop.hpp"
#include "domain/experiment.hpp"
#include "service/distribution_service.hpp"

#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::service {

struct ExperimentReport {
    domain::Experiment experiment;
    domain::ExperimentStatistics statistics;
};

class ExperimentService {
  public:
    // `secret`: what the daily salts derive from (the same on every instance that shares it).
    ExperimentService(DistributionService& distributions, std::string secret);
    ~ExperimentService();  // stops the auto-promote loop

    // Conflict when one is running for the distribution, NotFound without the distribution.
    domain::Experiment create(const std::string& distribution_id,
                              const domain::ExperimentRequest& request, const RequestContext& ctx);
    std::vector<domain::Experiment> list(const std::string& distribution_id);  // newest first
    ExperimentReport get(const std::string& experiment_id);
    // ValidationFailed for a winner that is no variant's key, Conflict when already stopped.
    ExperimentReport stop(const std::string& experiment_id,
                          const std::optional<std::string>& winner, const RequestContext& ctx);

    // The index of the variant `experiment` shows this visitor today.
    std::size_t assign(const domain::Experiment& experiment, std::string_view client_address,
                       std::string_view user_agent);

    // A view or click of a variant of `experiment` has committed: an experiment with auto_promote
    // is checked (on the service's own thread, coalesced). Cheap; callable from any thread.
    void counted(const domain::Experiment& experiment);
    // Stops the experiment with the winner auto_promote names now, if any; true when it did.
    bool promote_if_due(const std::string& experiment_id);
    // Starts and stops the thread that runs the checks counted() asks for.
    void start();
    void stop_checks();

  private:
    ExperimentReport report(storage::Transaction& tx, domain::Experiment experiment);
    std::string salt_of_today();
    background::Next check_pending();

    DistributionService& distributions_;
    std::string secret_;
    std::mutex mutex_;
    std::int64_t salt_day_ = -1;     // guarded by mutex_
    std::string salt_;               // guarded by mutex_
    std::set<std::string> pending_;  // guarded by mutex_
    std::unique_ptr<background::Loop> checks_;
};

}  // namespace coursedist::service
