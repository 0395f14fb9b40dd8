#include "emulator/app/config_apply.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "emulator/control/zip_archive.hpp"
#include "emulator/core/encoding.hpp"
#include "emulator/core/log.hpp"
#include "routers/http/url.hpp"

namespace lemu {
namespace {

using nlohmann::json;

class Client {
public:
    Client(const http::Dispatcher& dispatcher, boost::asio::io_context& io) : dispatcher_(dispatcher), io_(io) {}

    // One request; a non-2xx answer becomes a ConfigError at `where`.
    std::string call(const std::string& where, const std::string& operation, std::string method, std::string target,
                     std::string body, const http::Headers& headers = {}) {
        http::Response response = send(std::move(method), std::move(target), std::move(body), headers);
        if (response.status >= 300) {
            std::string type(response.headers.get("x-amzn-ErrorType").value_or(""));
            std::string message = response.body;
            if (json doc = json::parse(response.body, nullptr, false); doc.is_object()) {
                for (const char* key : {"message", "Message"}) {
                    if (doc.contains(key) && doc[key].is_string()) {
                        message = doc[key].get<std::string>();
                    }
                }
                if (type.empty() && doc.contains("__type") && doc["__type"].is_string()) {
                    type = doc["__type"].get<std::string>();
                }
            }
            throw ConfigError(where, fmt::format("{} failed with {} {}: {}", operation, response.status, type, message));
        }
        return response.body;
    }

    // A request's answer, whatever its status.
    http::Response send(std::string method, std::string target, std::string body = {},
                        const http::Headers& headers = {}) {
        http::Request request = http::Request::make(std::move(method), std::move(target));
        request.headers = headers;
        request.body = std::move(body);
        request.remote_address = "127.0.0.1";
        const http::Dispatcher& dispatcher = dispatcher_;
        std::future<http::Response> pending = boost::asio::co_spawn(
            io_,
            [&dispatcher, request = std::move(request)]() mutable -> boost::asio::awaitable<http::Response> {
                auto dispatching = dispatcher.dispatch(request);
                co_return co_await std::move(dispatching);
            },
            boost::asio::use_future);
        return pending.get();
    }

private:
    const http::Dispatcher& dispatcher_;
    boost::asio::io_context& io_;
};

std::string zip_base64(const CodeSource& code) {
    std::string bytes;
    if (std::filesystem::is_directory(code.path)) {
        bytes = control::zip_directory(code.path);
    } else {
        std::ifstream in(code.path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return base64_encode(bytes);
}

std::string function_path(const std::string& name) { return "/2015-03-31/functions/" + http::percent_encode(name); }

// SigV4-shaped credential scope, so the Dispatcher picks the service the way it does for a real client.
http::Headers signed_for(const AccountRegion& home, std::string_view service) {
    http::Headers headers;
    headers.set("Authorization", fmt::format("AWS4-HMAC-SHA256 Credential=lemu/20260101/{}/{}/aws4_request, "
                                             "SignedHeaders=host, Signature=0",
                                             home.region, service));
    return headers;
}

void apply_function(Client& client, const FunctionSpec& f, const std::string& where) {
    json create{{"FunctionName", f.name}, {"Runtime", f.runtime}, {"Role", f.role},
                {"MemorySize", f.memory},     {"Timeout", f.timeout}, {"Description", f.description},
                {"Code", {{"ZipFile", zip_base64(f.code)}}}};
    if (!f.handler.empty()) {
        create["Handler"] = f.handler;
    }
    if (!f.environment.empty()) {
        create["Environment"] = {{"Variables", f.environment}};
    }
    if (!f.layers.empty()) {
        create["Layers"] = f.layers;
    }
    if (f.durable_execution_timeout || f.durable_retention_days) {
        json durable = json::object();
        if (f.durable_execution_timeout) {
            durable["ExecutionTimeout"] = *f.durable_execution_timeout;
        }
        if (f.durable_retention_days) {
            durable["RetentionPeriodInDays"] = *f.durable_retention_days;
        }
        create["DurableConfig"] = durable;
    }
    client.call(where, "CreateFunction", "POST", "/2015-03-31/functions", create.dump());
    const std::string path = function_path(f.name);
    if (f.reserved_concurrency) {
        client.call(where + ".reserved_concurrency", "PutFunctionConcurrency", "PUT",
                    "/2017-10-31/functions/" + http::percent_encode(f.name) + "/concurrency",
                    json{{"ReservedConcurrentExecutions", *f.reserved_concurrency}}.dump());
    }
    for (std::size_t i = 0; i < f.versions.size(); ++i) {
        const VersionSpec& v = f.versions[i];
        const std::string at = fmt::format("{}.versions[{}]", where, i);
        if (v.code) {
            client.call(at, "UpdateFunctionCode", "PUT", path + "/code",
                        json{{"ZipFile", zip_base64(*v.code)}}.dump());
        }
        if (v.environment) {
            client.call(at, "UpdateFunctionConfiguration", "PUT", path + "/configuration",
                        json{{"Environment", {{"Variables", *v.environment}}}}.dump());
        }
        json publish = json::object();
        if (v.description) {
            publish["Description"] = *v.description;
        }
        client.call(at, "PublishVersion", "POST", path + "/versions", publish.dump());
    }
    for (std::size_t i = 0; i < f.aliases.size(); ++i) {
        const AliasSpec& a = f.aliases[i];
        json alias{{"Name", a.name}, {"FunctionVersion", a.version}, {"Description", a.description}};
        if (!a.weights.empty()) {
            alias["RoutingConfig"] = {{"AdditionalVersionWeights", a.weights}};
        }
        client.call(fmt::format("{}.aliases[{}]", where, i), "CreateAlias", "POST", path + "/aliases", alias.dump());
    }
    for (std::size_t i = 0; i < f.permissions.size(); ++i) {
        const PermissionSpec& p = f.permissions[i];
        json statement{{"StatementId", p.sid}, {"Action", p.action}, {"Principal", p.principal}};
        if (p.source_arn) {
            statement["SourceArn"] = *p.source_arn;
        }
        if (p.source_account) {
            statement["SourceAccount"] = *p.source_account;
        }
        if (p.function_url_auth_type) {
            statement["FunctionUrlAuthType"] = *p.function_url_auth_type;
        }
        std::string target = path + "/policy";
        if (p.qualifier) {
            target += "?Qualifier=" + http::percent_encode(*p.qualifier);
        }
        client.call(fmt::format("{}.permissions[{}]", where, i), "AddPermission", "POST", target, statement.dump());
    }
}

std::string notification_xml(const std::vector<NotificationSpec>& notifications, const AccountRegion& home) {
    std::string xml = "<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
    for (const NotificationSpec& n : notifications) {
        std::string arn = n.function.starts_with("arn:")
                              ? n.function
                              : fmt::format("arn:aws:lambda:{}:{}:function:{}", home.region, home.account, n.function);
        xml += "<CloudFunctionConfiguration>";
        if (!n.id.empty()) {
            xml += "<Id>" + n.id + "</Id>";
        }
        xml += "<CloudFunction>" + arn + "</CloudFunction>";
        for (const std::string& event : n.events) {
            xml += "<Event>" + event + "</Event>";
        }
        if (!n.prefix.empty() || !n.suffix.empty()) {
            xml += "<Filter><S3Key>";
            if (!n.prefix.empty()) {
                xml += "<FilterRule><Name>prefix</Name><Value>" + n.prefix + "</Value></FilterRule>";
            }
            if (!n.suffix.empty()) {
                xml += "<FilterRule><Name>suffix</Name><Value>" + n.suffix + "</Value></FilterRule>";
            }
            xml += "</S3Key></Filter>";
        }
        xml += "</CloudFunctionConfiguration>";
    }
    return xml + "</NotificationConfiguration>";
}

}  // namespace

void apply_resources(const ResourceSpec& spec, const http::Dispatcher& dispatcher, boost::asio::io_context& io,
                     const AccountRegion& home, bool keep_existing) {
    Client client(dispatcher, io);
    // Restarted on a state directory: what it restored wins over the config, which only fills the gaps.
    auto kept = [&](std::string_view kind, const std::string& name, const std::string& listing,
                    const char* list_key) {
        if (!keep_existing) {
            return false;
        }
        http::Response response = client.send("GET", listing);
        json doc = json::parse(response.body, nullptr, false);
        bool exists = response.status == 200 &&
                      (list_key == nullptr || (doc.is_object() && doc.contains(list_key) && !doc[list_key].empty()));
        if (exists) {
            log::get("lemu")->info("config: {} {} kept as the state directory has it", kind, name);
        }
        return exists;
    };
    for (std::size_t i = 0; i < spec.layers.size(); ++i) {
        const LayerSpec& l = spec.layers[i];
        if (kept("layer", l.name, "/2018-10-31/layers/" + http::percent_encode(l.name) + "/versions",
                 "LayerVersions")) {
            continue;
        }
        json body{{"Content", {{"ZipFile", zip_base64(l.code)}}}};
        if (!l.compatible_runtimes.empty()) {
            body["CompatibleRuntimes"] = l.compatible_runtimes;
        }
        client.call(fmt::format("$.layers[{}]", i), "PublishLayerVersion", "POST",
                    "/2018-10-31/layers/" + http::percent_encode(l.name) + "/versions", body.dump());
    }
    for (std::size_t i = 0; i < spec.functions.size(); ++i) {
        if (kept("function", spec.functions[i].name, function_path(spec.functions[i].name), nullptr)) {
            continue;
        }
        apply_function(client, spec.functions[i], fmt::format("$.functions[{}]", i));
    }
    http::Headers sqs;
    sqs.set("X-Amz-Target", "AmazonSQS.CreateQueue");
    sqs.set("Content-Type", "application/x-amz-json-1.0");
    for (std::size_t i = 0; i < spec.queues.size(); ++i) {
        json body{{"QueueName", spec.queues[i].name}};
        if (!spec.queues[i].attributes.empty()) {
            body["Attributes"] = spec.queues[i].attributes;
        }
        client.call(fmt::format("$.queues[{}]", i), "CreateQueue", "POST", "/", body.dump(), sqs);
    }
    for (std::size_t i = 0; i < spec.event_source_mappings.size(); ++i) {
        const MappingSpec& m = spec.event_source_mappings[i];
        const std::string queue_arn = fmt::format("arn:aws:sqs:{}:{}:{}", home.region, home.account, m.queue);
        if (kept("event source mapping", m.queue + " -> " + m.function,
                 "/2015-03-31/event-source-mappings?EventSourceArn=" + http::percent_encode(queue_arn) +
                     "&FunctionName=" + http::percent_encode(m.function),
                 "EventSourceMappings")) {
            continue;
        }
        json body{{"EventSourceArn", queue_arn},
                  {"FunctionName", m.function},
                  {"BatchSize", m.batch_size},
                  {"MaximumBatchingWindowInSeconds", m.maximum_batching_window},
                  {"Enabled", m.enabled}};
        if (m.report_batch_item_failures) {
            body["FunctionResponseTypes"] = json::array({"ReportBatchItemFailures"});
        }
        client.call(fmt::format("$.event_source_mappings[{}]", i), "CreateEventSourceMapping", "POST",
                    "/2015-03-31/event-source-mappings", body.dump());
    }
    http::Headers s3 = signed_for(home, "s3");
    for (std::size_t i = 0; i < spec.buckets.size(); ++i) {
        const BucketSpec& b = spec.buckets[i];
        const std::string where = fmt::format("$.buckets[{}]", i);
        client.call(where, "CreateBucket", "PUT", "/" + b.name, "", s3);
        if (!b.notifications.empty()) {
            client.call(where + ".notifications", "PutBucketNotificationConfiguration", "PUT",
                        "/" + b.name + "?notification", notification_xml(b.notifications, home), s3);
        }
    }
    if (!spec.functions.empty() || !spec.queues.empty() || !spec.buckets.empty()) {
        log::get("lemu")->info("config applied: {} layers, {} functions, {} queues, {} mappings, {} buckets",
                               spec.layers.size(), spec.functions.size(), spec.queues.size(),
                               spec.event_source_mappings.size(), spec.buckets.size());
    }
}

}  // namespace lemu
