#include "emulator/app/sync_invoke.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>

#include <future>
#include <stdexcept>

#include "emulator/app/wire.hpp"

namespace lemu {

InvokeOutput invoke_and_wait(Services& services, const std::string& function,
                             const std::optional<std::string>& qualifier, const std::string& payload) {
    if (services.invoker == nullptr) {
        throw std::logic_error("lemu::Emulator::invoke: the emulator has no invoker");
    }
    if (services.io.get_executor().running_in_this_thread()) {
        throw std::logic_error("lemu::Emulator::invoke must not be called on one of lemu's I/O threads");
    }
    invoke::InvokeCall call;
    call.function_name = function;
    call.qualifier = qualifier;
    call.payload = payload;
    call.type = invoke::InvocationType::RequestResponse;
    call.tail_log = true;
    call.caller.source = "cpp-api";
    std::future<invoke::InvocationResult> done =
        boost::asio::co_spawn(services.io, services.invoker->invoke(std::move(call)), boost::asio::use_future);
    invoke::InvocationResult result = done.get();

    InvokeOutput output;
    output.status_code = result.status_code;
    output.request_id = std::move(result.request_id);
    output.payload = std::move(result.payload);
    output.function_error = std::move(result.function_error);
    output.executed_version = std::move(result.executed_version);
    output.content_type = std::move(result.content_type);
    output.log_tail = std::move(result.log_tail);
    return output;
}

}  // namespace lemu
