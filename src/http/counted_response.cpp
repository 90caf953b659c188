#include "http/counted_response.hpp"

#include <utility>

namespace coursedist::http {

Response counted_response(service::DistributionService& service, service::CounterWrite write,
                          service::RequestContext ctx, CountedAnswer answer) {
    // Each step runs once (deferred_response's contract), so each hands its captures on.
    return deferred_response([&service, write = std::move(write), ctx = std::move(ctx),
                              answer = std::move(answer)](FinishResponse finish) mutable {
        service.count(std::move(write), std::move(ctx),
                      [finish = std::move(finish), answer = std::move(answer)](
                          service::Outcome<service::CounterUpdate> outcome) mutable {
                          finish([outcome = std::move(outcome), answer = std::move(answer)] {
                              return answer(outcome);
                          });
                      });
    });
}

}  // namespace coursedist::http
