#pragma once
// A view or click counted without holding a server thread: the handler hands the counter write
// to the service's group commit and returns; the response is made once the write has committed
// (or failed), from its outcome.

#include "http/message.hpp"
#include "service/distribution_service.hpp"

#include <functional>

namespace coursedist::http {

using CountedAnswer = std::function<Response(const service::Outcome<service::CounterUpdate>&)>;

Response counted_response(service::DistributionService& service, service::CounterWrite write,
                          service::RequestContext ctx, CountedAnswer answer);

}  // namespace coursedist::http
