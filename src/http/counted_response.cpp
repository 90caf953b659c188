#include "http/counted_response.hpp"

#include <utility>

namespace coursedist::http {

Response counted_response(service::DistributionService& service, service::CounterWrite write,
                          service::RequestContext ctx, CountedAnswer answer) {
    return deferred_response([&service, write = std::move(write), ctx = std::move(ctx),
                              answer = std::move(answer)](FinishResponse finish) {
        service.count(
            write, ctx,
            [finish = std::move(finish), answer](service::Outcome<service::CounterUpdate> outcome) {
                finish([outcome = std::move(outcome), answer] { return answer(outcome); });
            });
    });
}

}  // namespace coursedist::http
