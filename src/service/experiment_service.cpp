#include "service/experiment_service.hpp"

#include "domain/events.hpp"
#include "service/errors.hpp"
#include "service/ids.hpp"
#include "service/write_scope.hpp"
#include "storage/refusals.hpp"

#include <spdlog/spdlog.h>

#include <cmath>

namespace coursedist::service {

namespace {

std::int64_t hour_of(double seconds) {
    return static_cast<std::int64_t>(std::floor(seconds / 3600));
}

domain::Experiment require_experiment(storage::Transaction& tx, const std::string& id) {
    auto e = tx.find_experiment(id);
    if (!e) throw NotFound("no experiment " + id);
    return std::move(*e);
}

}  // namespace

ExperimentService::ExperimentService(DistributionService& distributions, std::string secret)
    : distributions_(distributions), secret_(std::move(secret)) {}

ExperimentService::~ExperimentService() {
    stop_checks();
}

domain::Experiment ExperimentService::create(const std::string& distribution_id,
                                             const domain::ExperimentRequest& request,
                                             const RequestContext& ctx) {
    return distributions_.write(
        ctx, [&](storage::Transaction& tx, DistributionService::Changes& changes) {
            if (!tx.find(distribution_id)) throw NotFound("no distribution " + distribution_id);
            if (auto running = tx.running_experiment(distribution_id))
                throw Conflict("experiment " + running->experiment_id +
                               " is running for this distribution; stop it first");
            auto e = domain::experiment_from(request);
            e.experiment_id = "exp_" + random_hex(16);
            e.distribution_id = distribution_id;
            e.status = domain::ExperimentStatus::Running;
            e.started_at = changes.now();
            try {
                tx.insert_experiment(e);
            } catch (const storage::ExperimentAlreadyRunning&) {  // a create on another instance
                throw Conflict("another experiment was started for this distribution meanwhile");
            }
            return e;
        });
}

std::vector<domain::Experiment> ExperimentService::list(const std::string& distribution_id) {
    auto tx = distributions_.store().begin_read();
    if (!tx->find(distribution_id)) throw NotFound("no distribution " + distribution_id);
    return tx->experiments_of(distribution_id);
}

ExperimentReport ExperimentService::report(storage::Transaction& tx, domain::Experiment e) {
    std::vector<domain::VariantCounts> counts(e.variants.size());
    for (const auto& sum : tx.variant_counts(e.distribution_id, hour_of(e.started_at))) {
        for (std::size_t i = 0; i < e.variants.size(); ++i) {
            if (sum.variant != domain::bucket_variant(e.experiment_id, e.variants[i].key)) continue;
            (sum.counter == storage::Counter::Views ? counts[i].views : counts[i].clicks) +=
                sum.count;
        }
    }
    auto stats = domain::statistics(e, counts);
    return {std::move(e), std::move(stats)};
}

ExperimentReport ExperimentService::get(const std::string& experiment_id) {
    auto tx = distributions_.store().begin_read();
    return report(*tx, require_experiment(*tx, experiment_id));
}

ExperimentReport ExperimentService::stop(const std::string& experiment_id,
                                         const std::optional<std::string>& winner,
                                         const RequestContext& ctx) {
    return distributions_.write(
        ctx, [&](storage::Transaction& tx, DistributionService::Changes& changes) {
            auto e = require_experiment(tx, experiment_id);
            const domain::ExperimentVariant* chosen = nullptr;
            if (winner) {
                chosen = e.variant(*winner);
                if (!chosen)
                    throw ValidationFailed(
                        domain::FieldErrors{{"winner", "is not a variant of this experiment"}});
            }
            if (e.status != domain::ExperimentStatus::Running)
                throw Conflict("experiment " + experiment_id + " is already stopped");
            e.status = domain::ExperimentStatus::Stopped;
            e.stopped_at = changes.now();
            e.winner = winner;
            tx.update_experiment(e);
            if (chosen) {
                auto before = tx.find(e.distribution_id);
                if (!before) throw NotFound("no distribution " + e.distribution_id);
                auto after = *before;
                after.cta = chosen->cta;
                after.updated_at = changes.now();
                if (auto payload = domain::updated_payload(*before, after)) {
                    tx.update(after);
                    changes.emit(domain::event_type::kUpdated, std::move(*payload));
                }
            }
            return report(tx, std::move(e));
        });
}

std::string ExperimentService::salt_of_today() {
    const auto day = static_cast<std::int64_t>(std::floor(distributions_.now() / 86400));
    std::lock_guard lock(mutex_);
    if (day != salt_day_) {
        salt_ = domain::daily_salt(secret_, day);
        salt_day_ = day;
    }
    return salt_;
}

std::size_t ExperimentService::assign(const domain::Experiment& experiment,
                                      std::string_view client_address,
                                      std::string_view user_agent) {
    return domain::assign_variant(experiment, salt_of_today(), client_address, user_agent);
}

void ExperimentService::counted(const domain::Experiment& experiment) {
    if (!experiment.auto_promote) return;
    {
        std::lock_guard lock(mutex_);
        pending_.insert(experiment.experiment_id);
    }
    if (checks_) checks_->wake();
}

bool ExperimentService::promote_if_due(const std::string& experiment_id) {
    auto current = get(experiment_id);
    const auto winner = domain::auto_promote_winner(current.experiment, current.statistics);
    if (!winner) return false;
    try {
        stop(experiment_id, winner, {std::nullopt, "auto-promote"});
    } catch (const Conflict&) {
        return false;  // stopped meanwhile (another instance, or by hand)
    }
    spdlog::info("experiment {} auto-promoted variant {}", experiment_id, *winner);
    return true;
}

background::Next ExperimentService::check_pending() {
    std::set<std::string> due;
    {
        std::lock_guard lock(mutex_);
        due.swap(pending_);
    }
    for (const auto& id : due) promote_if_due(id);
    return background::Next::when_woken();
}

void ExperimentService::start() {
    if (checks_) return;
    checks_ = std::make_unique<background::Loop>("experiments", [this] { return check_pending(); });
    checks_->start();
}

void ExperimentService::stop_checks() {
    if (checks_) checks_->stop();
}

}  // namespace coursedist::service
