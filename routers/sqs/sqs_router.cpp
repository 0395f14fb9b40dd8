#include "routers/sqs/sqs_router.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "emulator/core/log.hpp"
#include "emulator/core/text.hpp"
#include "routers/sqs/codec.hpp"
#include "routers/sqs/errors.hpp"
#include "routers/sqs/operations.hpp"
#include "routers/sqs/query_protocol.hpp"

namespace lemu::routers::sqs {
namespace {

using nlohmann::json;
constexpr std::string_view kTargetPrefix = "AmazonSQS.";

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("sqs");
    return instance;
}

bool is_json_protocol(const http::Request& r) {
    auto target = r.header("X-Amz-Target");
    return target && target->starts_with(kTargetPrefix);
}

// `Credential=AKID/20240101/us-east-1/sqs/aws4_request` names the service a request was signed for.
bool signed_for_sqs(const http::Request& r) {
    auto auth = r.header("Authorization");
    if (!auth) {
        return false;
    }
    auto pos = auth->find("Credential=");
    if (pos == std::string_view::npos) {
        return false;
    }
    std::string_view credential = auth->substr(pos + 11);
    credential = credential.substr(0, credential.find_first_of(", "));
    auto parts = split(credential, '/');
    return parts.size() == 5 && parts[3] == "sqs";
}

// `/` or `/ACCOUNT/NAME` (twelve digits, then a queue name).
bool is_queue_path(std::string_view path) {
    if (path == "/") {
        return true;
    }
    auto parts = split(path, '/');
    if (parts.size() < 3 || !parts[0].empty() || parts[1].size() != 12 || parts[2].empty() ||
        (parts.size() == 4 && !parts[3].empty()) || parts.size() > 4) {
        return false;
    }
    for (char c : parts[1]) {
        if (!is_digit(c)) {
            return false;
        }
    }
    return true;
}

bool is_form(const http::Request& r) {
    auto type = r.header("Content-Type");
    return type && to_lower(*type).starts_with("application/x-www-form-urlencoded");
}

std::string base_url(const http::Request& r) {
    auto host = r.header("Host");
    return fmt::format("http://{}", host && !host->empty() ? *host : std::string_view("localhost"));
}

struct ParsedCall {
    bool json_protocol = false;
    const Operation* operation = nullptr;
    json input;
};

// Which operation a request asks for, and its input in JSON 1.0 shape whichever protocol carried it.
ParsedCall parse_call(const http::Request& request) {
    ParsedCall call;
    call.json_protocol = is_json_protocol(request);
    std::string op_name;
    http::QueryParams params;
    if (call.json_protocol) {
        op_name = std::string(request.header("X-Amz-Target")->substr(kTargetPrefix.size()));
        call.input = request.body.empty() ? json::object() : json::parse(request.body, nullptr, false);
        if (call.input.is_discarded() || !call.input.is_object()) {
            throw AwsError(ErrorCode::SerializationException, "Start of structure or map found where not expected.");
        }
    } else {
        params = request.query_params();
        if (request.method == "POST" && is_form(request)) {
            for (auto& p : http::parse_query(request.body)) {
                params.push_back(std::move(p));
            }
        }
        for (const auto& [key, value] : params) {
            if (key == "Action") {
                op_name = value;
            }
        }
    }
    call.operation = find_operation(op_name);
    if (call.operation == nullptr) {
        throw AwsError(ErrorCode::UnknownOperation,
                       fmt::format("The action {} is not valid for this web service.", op_name));
    }
    if (!call.json_protocol) {
        call.input = query_to_input(params, call.operation->name);
    }
    return call;
}

}  // namespace

SqsRouter::SqsRouter(sources::sqs::QueueStore& store, sources::sqs::QueueNotifier& notifier)
    : store_(store), notifier_(notifier) {}

bool SqsRouter::matches(const http::Request& head) const {
    if (is_json_protocol(head) || signed_for_sqs(head)) {
        return true;
    }
    if (!is_queue_path(head.path)) {
        return false;
    }
    return (head.method == "POST" && is_form(head)) || head.query.find("Action=") != std::string::npos;
}

boost::asio::awaitable<http::Response> SqsRouter::handle(http::Request& request) {
    ParsedCall call = parse_call(request);
    const Operation* op = call.operation;
    const json& input = call.input;
    const bool json_protocol = call.json_protocol;
    OperationContext context{store_, base_url(request), request.path == "/" ? "" : request.path,
                             std::string(request.header("X-Amzn-Trace-Id").value_or(""))};
    json output;
    if (op->handler != nullptr) {
        output = op->handler(context, input);
    } else {
        std::string queue = target_queue(context, input);
        auto received = co_await notifier_.receive(queue, decode_receive(input));
        output = json::object();
        if (!received.messages.empty()) {
            json messages = json::array();
            for (const auto& m : received.messages) {
                messages.push_back(encode(m));
            }
            output["Messages"] = std::move(messages);
        }
    }
    if (json_protocol) {
        http::Response r = http::Response::json(200, output.dump());
        r.headers.set("Content-Type", "application/x-amz-json-1.0");
        co_return r;
    }
    co_return http::Response::text(200, output_to_xml(op->name, output, op->has_result, request.request_id),
                                   "text/xml");
}

json SqsRouter::report() const {
    json queues = json::object();
    for (const std::string& name : store_.list_queues("", std::nullopt, std::nullopt).names) {
        try {
            queues[name] = store_.get_attributes(name, {"ApproximateNumberOfMessages",
                                                        "ApproximateNumberOfMessagesNotVisible",
                                                        "ApproximateNumberOfMessagesDelayed"});
        } catch (const AwsError&) {
            // deleted between the listing and the lookup
        }
    }
    return json{{"queues", std::move(queues)}, {"waiting", notifier_.waiting()}};
}

http::Response SqsRouter::render(const AwsError& error, const http::Request& request) const {
    if (error.fault() == Fault::Service) {
        logger()->error("{} failed: {} rid={}", request.header("X-Amz-Target").value_or("query request"),
                        error.message(), request.request_id);
    }
    return is_json_protocol(request) ? render_json_error(error) : render_query_error(error, request.request_id);
}

}  // namespace lemu::routers::sqs
