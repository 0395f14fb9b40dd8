#pragma once
// The one way code runs (DESIGN.md §6): resolve the qualifier, check the caller against the resource
// policy of the exact ARN it invokes, respect concurrency, run the function, return its result.
// Event sources and routers depend on this interface only.
//
// Errors that are not the function's own are thrown as AwsError: ResourceNotFoundException for an
// unknown function or qualifier, AccessDeniedException when a service principal is not allowed
// (the denial is recorded before the throw), TooManyRequestsException when throttled, and so on.
// A failing function is not an exception: its result has function_error set.

#include <boost/asio/awaitable.hpp>

#include "emulator/invoke/invocation.hpp"

namespace lemu::invoke {

class FunctionInvoker {
public:
    virtual ~FunctionInvoker() = default;
    virtual boost::asio::awaitable<InvocationResult> invoke(InvokeCall call) = 0;
};

}  // namespace lemu::invoke
