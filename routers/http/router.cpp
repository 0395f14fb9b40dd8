#include "routers/http/router.hpp"

#include <fmt/format.h>

namespace lemu::http {

AwsError Router::body_too_large(const Request& head) const {
    return AwsError(ErrorCode::RequestEntityTooLarge,
                    fmt::format("Request must be smaller than {} bytes for the operation", body_limit(head)));
}

}  // namespace lemu::http
