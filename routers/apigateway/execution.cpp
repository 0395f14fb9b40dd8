#include "routers/apigateway/execution.hpp"

#include <fmt/format.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "emulator/core/log.hpp"
#include "emulator/core/text.hpp"
#include "sources/apigateway/proxy_event_builder.hpp"

namespace lemu::routers::apigateway::execution {

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("apigateway");
    return instance;
}

sources::apigateway::ProxyRequest proxy_request(const http::Request& request, std::string raw_path,
                                                TimePoint now) {
    sources::apigateway::ProxyRequest proxy;
    proxy.method = request.method;
    proxy.raw_path = std::move(raw_path);
    proxy.raw_query = request.query;
    for (const auto& [name, value] : request.headers.fields()) {
        proxy.headers.emplace_back(name, value);
    }
    proxy.body = request.body;
    proxy.source_ip = request.remote_address;
    proxy.time = now;
    std::string port;
    if (auto host = request.header("Host")) {
        std::size_t colon = host->rfind(':');
        if (colon != std::string_view::npos && host->find(']', colon) == std::string_view::npos) {
            port = std::string(host->substr(colon + 1));
        }
    }
    sources::apigateway::add_forwarded_headers(proxy, port);
    return proxy;
}

http::Response to_http(sources::apigateway::ProxyResponse mapped) {
    http::Response response;
    response.status = mapped.status;
    for (auto& [name, value] : mapped.headers) {
        response.headers.add(name, std::move(value));
    }
    response.body = std::move(mapped.body);
    return response;
}

http::Response gateway_response(int status, std::string body, std::string_view error_type) {
    http::Response response = http::Response::json(status, std::move(body));
    if (!error_type.empty()) {
        response.headers.set("x-amzn-ErrorType", std::string(error_type));
    }
    return response;
}

invoke::Caller integration_caller(const std::optional<std::string>& credentials, std::string source_arn,
                                  const AccountRegion& home) {
    invoke::Caller caller;
    caller.source = "apigateway";
    if (!credentials || credentials->empty()) {
        caller.principal = kPrincipal;
        caller.source_arn = std::move(source_arn);
        caller.source_account = home.account;
        return caller;
    }
    // arn:aws:iam::ACCOUNT:role/NAME; the account is the fifth field.
    std::vector<std::string_view> parts = split(*credentials, ':');
    std::string_view account = parts.size() >= 6 ? parts[4] : std::string_view{};
    if (account != home.account && account != "*") {
        caller.principal = *credentials;
    }
    return caller;
}

namespace {

// Never throws, so that `||` below completes as soon as the invocation does, whatever its outcome.
boost::asio::awaitable<Outcome> guarded_invoke(invoke::FunctionInvoker& invoker, invoke::InvokeCall call) {
    Outcome outcome;
    try {
        outcome.result = co_await invoker.invoke(std::move(call));
    } catch (const AwsError& e) {
        outcome.error = e;
    } catch (const std::exception& e) {
        outcome.failure = e.what();
    }
    co_return outcome;
}

}  // namespace

boost::asio::awaitable<Outcome> invoke_function(invoke::FunctionInvoker* invoker, invoke::InvokeCall call,
                                                std::chrono::milliseconds timeout) {
    using namespace boost::asio::experimental::awaitable_operators;
    if (invoker == nullptr) {
        Outcome outcome;
        outcome.failure = "no function invoker is wired into this lemu";
        co_return outcome;
    }
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, timeout);
    // as_tuple: the timer, cancelled on every answered request, completes with an error code
    // instead of throwing operation_aborted through the parallel group (an exception per request).
    auto first = co_await (guarded_invoke(*invoker, std::move(call)) ||
                           timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable)));
    if (first.index() == 0) {
        co_return std::get<0>(std::move(first));
    }
    Outcome outcome;
    outcome.timed_out = true;
    co_return outcome;
}

std::string describe(std::string_view request_id, std::string_view api_id, std::string_view stage,
                     std::string_view function_arn, std::string_view source_arn) {
    return fmt::format("api={} stage={} function={} source_arn={} rid={}", api_id, stage, function_arn,
                       source_arn, request_id);
}

}  // namespace lemu::routers::apigateway::execution
