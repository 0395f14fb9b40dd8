#pragma once
// The asynchronous Lambda API operations: they wait for a function to run.

#include <boost/asio/awaitable.hpp>

#include "routers/http/request.hpp"
#include "routers/http/response.hpp"
#include "routers/lambda/context.hpp"

namespace lemu::routers::lambda {

boost::asio::awaitable<http::Response> invoke_function(http::Request& request, LambdaContext& ctx);

}  // namespace lemu::routers::lambda
