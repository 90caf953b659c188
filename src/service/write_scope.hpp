#pragma once
// Private to src/service: the one-transaction write that DistributionService's use cases and
// EventIngest share. A change, its outbox events and (for consumed events) its dedup row commit
// together or not at all.

#include "domain/events.hpp"
#include "service/distribution_service.hpp"
#include "service/ids.hpp"

#include <boost/json/serialize.hpp>

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::service {

// The events of one transaction: appended to its outbox, counted once it commits.
class DistributionService::Changes {
  public:
    Changes(storage::Transaction& tx, const RequestContext& ctx, double now)
        : tx_(tx), ctx_(ctx), now_(now) {}

    void emit(std::string_view type, boost::json::object payload) {
        emit(type, std::move(payload), ctx_.correlation_id);
    }
    // An event on behalf of another request than this transaction's (a counter window's first).
    void emit(std::string_view type, boost::json::object payload,
              const std::optional<std::string>& correlation_id) {
        auto envelope =
            domain::make_envelope(type, std::move(payload), new_event_id(), now_, correlation_id);
        storage::OutboxEvent row;
        row.event_id = envelope.id;
        row.event_type = envelope.type;
        row.envelope_json = boost::json::serialize(domain::to_json(envelope));
        row.created_at = now_;
        tx_.append_outbox(row);
        types_.push_back(std::move(envelope.type));
    }
    double now() const { return now_; }
    storage::Transaction& transaction() { return tx_; }
    const std::vector<std::string>& types() const { return types_; }

  private:
    storage::Transaction& tx_;
    const RequestContext& ctx_;
    double now_;
    std::vector<std::string> types_;
};

template <typename Work>
auto DistributionService::write(const RequestContext& ctx, Work&& work) {
    auto tx = store_.begin_write();
    Changes changes(*tx, ctx, clock_());
    auto result = work(*tx, changes);
    tx->commit();
    committed(changes.types());
    return result;
}

// A counter write waiting for its batch. A write whose distribution is missing changes nothing
// and fails alone (NotFound) while the batch goes on; any other failure reruns each write of the
// batch alone, so one write cannot fail another.
struct DistributionService::PendingWrite {
    CounterWrite write;
    RequestContext ctx;
    std::optional<CounterUpdate> result;
    std::exception_ptr error;
};

}  // namespace coursedist::service
