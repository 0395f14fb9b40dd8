// Every Lambda API route on one screen (as RIE's router.go). Further operations (Invoke, durable
// executions) add their lines here and their handlers in their own file.

#include <boost/asio/awaitable.hpp>

#include "routers/lambda/handlers.hpp"
#include "routers/lambda/invoke_handler.hpp"
#include "routers/lambda/lambda_api_router.hpp"

namespace lemu::routers::lambda {
namespace {

http::Route route(std::string method, std::string pattern, std::string operation, handlers::Handler handler,
                  LambdaContext& ctx, std::size_t body_limit = kJsonBodyLimit,
                  std::string required_query = "") {
    http::Route r;
    r.method = std::move(method);
    r.pattern = std::move(pattern);
    r.operation = std::move(operation);
    r.body_limit = body_limit;
    r.required_query = std::move(required_query);
    r.handler = [handler, &ctx](http::Request& request) -> boost::asio::awaitable<http::Response> {
        co_return handler(request, ctx);
    };
    return r;
}

using AsyncHandler = boost::asio::awaitable<http::Response> (*)(http::Request&, LambdaContext&);

http::Route async_route(std::string method, std::string pattern, std::string operation, AsyncHandler handler,
                        LambdaContext& ctx, std::size_t body_limit) {
    http::Route r;
    r.method = std::move(method);
    r.pattern = std::move(pattern);
    r.operation = std::move(operation);
    r.body_limit = body_limit;
    r.handler = [handler, &ctx](http::Request& request) { return handler(request, ctx); };
    return r;
}

// Invoke's request limit; beyond it AWS answers RequestEntityTooLargeException naming "InvokeFunction".
constexpr std::size_t kInvokePayloadLimit = 6 * 1024 * 1024;

}  // namespace

void add_routes(http::RouteTable& t, LambdaContext& c) {
    using namespace handlers;
    constexpr std::size_t kCode = kCodeBodyLimit;
    // Functions
    t.add(route("POST", "/2015-03-31/functions", "CreateFunction", create_function, c, kCode));
    t.add(route("GET", "/2015-03-31/functions", "ListFunctions", list_functions, c));
    t.add(route("GET", "/2015-03-31/functions/{FunctionName}", "GetFunction", get_function, c));
    t.add(route("DELETE", "/2015-03-31/functions/{FunctionName}", "DeleteFunction", delete_function, c));
    t.add(route("GET", "/2015-03-31/functions/{FunctionName}/configuration", "GetFunctionConfiguration",
                get_function_configuration, c));
    t.add(route("PUT", "/2015-03-31/functions/{FunctionName}/configuration", "UpdateFunctionConfiguration",
                update_function_configuration, c));
    t.add(route("PUT", "/2015-03-31/functions/{FunctionName}/code", "UpdateFunctionCode",
                update_function_code, c, kCode));
    t.add(route("GET", "/_lemu/code/{Sha}", "DownloadCode", download_code, c));
    // Invocation
    t.add(async_route("POST", "/2015-03-31/functions/{FunctionName}/invocations", "InvokeFunction", invoke_function,
                      c, kInvokePayloadLimit));
    // Versions
    t.add(
        route("POST", "/2015-03-31/functions/{FunctionName}/versions", "PublishVersion", publish_version, c));
    t.add(route("GET", "/2015-03-31/functions/{FunctionName}/versions", "ListVersionsByFunction",
                list_versions_by_function, c));
    // Aliases
    t.add(route("POST", "/2015-03-31/functions/{FunctionName}/aliases", "CreateAlias", create_alias, c));
    t.add(route("GET", "/2015-03-31/functions/{FunctionName}/aliases", "ListAliases", list_aliases, c));
    t.add(route("GET", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", "GetAlias", get_alias, c));
    t.add(
        route("PUT", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", "UpdateAlias", update_alias, c));
    t.add(route("DELETE", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", "DeleteAlias", delete_alias,
                c));
    // Resource policies
    t.add(route("POST", "/2015-03-31/functions/{FunctionName}/policy", "AddPermission", add_permission, c));
    t.add(route("GET", "/2015-03-31/functions/{FunctionName}/policy", "GetPolicy", get_policy, c));
    t.add(route("DELETE", "/2015-03-31/functions/{FunctionName}/policy/{StatementId}", "RemovePermission",
                remove_permission, c));
    // Reserved concurrency
    t.add(route("PUT", "/2017-10-31/functions/{FunctionName}/concurrency", "PutFunctionConcurrency",
                put_function_concurrency, c));
    t.add(route("GET", "/2019-09-30/functions/{FunctionName}/concurrency", "GetFunctionConcurrency",
                get_function_concurrency, c));
    t.add(route("DELETE", "/2017-10-31/functions/{FunctionName}/concurrency", "DeleteFunctionConcurrency",
                delete_function_concurrency, c));
    // Tags
    t.add(route("POST", "/2017-03-31/tags/{Resource}", "TagResource", tag_resource, c));
    t.add(route("DELETE", "/2017-03-31/tags/{Resource}", "UntagResource", untag_resource, c));
    t.add(route("GET", "/2017-03-31/tags/{Resource}", "ListTags", list_tags, c));
    // Layers
    t.add(route("POST", "/2018-10-31/layers/{LayerName}/versions", "PublishLayerVersion",
                publish_layer_version, c, kCode));
    t.add(
        route("GET", "/2018-10-31/layers/{LayerName}/versions", "ListLayerVersions", list_layer_versions, c));
    t.add(route("GET", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}", "GetLayerVersion",
                get_layer_version, c));
    t.add(route("DELETE", "/2018-10-31/layers/{LayerName}/versions/{VersionNumber}", "DeleteLayerVersion",
                delete_layer_version, c));
    t.add(route("GET", "/2018-10-31/layers", "GetLayerVersionByArn", get_layer_version_by_arn, c,
                kJsonBodyLimit, "find=LayerVersion"));
    t.add(route("GET", "/2018-10-31/layers", "ListLayers", list_layers, c));
    // Asynchronous invocation settings
    t.add(route("PUT", "/2019-09-25/functions/{FunctionName}/event-invoke-config",
                "PutFunctionEventInvokeConfig", put_event_invoke_config, c));
    t.add(route("POST", "/2019-09-25/functions/{FunctionName}/event-invoke-config",
                "UpdateFunctionEventInvokeConfig", update_event_invoke_config, c));
    t.add(route("GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config",
                "GetFunctionEventInvokeConfig", get_event_invoke_config, c));
    t.add(route("DELETE", "/2019-09-25/functions/{FunctionName}/event-invoke-config",
                "DeleteFunctionEventInvokeConfig", delete_event_invoke_config, c));
    t.add(route("GET", "/2019-09-25/functions/{FunctionName}/event-invoke-config/list",
                "ListFunctionEventInvokeConfigs", list_event_invoke_configs, c));
    // Event source mappings
    t.add(route("POST", "/2015-03-31/event-source-mappings", "CreateEventSourceMapping",
                create_event_source_mapping, c));
    t.add(route("GET", "/2015-03-31/event-source-mappings", "ListEventSourceMappings",
                list_event_source_mappings, c));
    t.add(route("GET", "/2015-03-31/event-source-mappings/{UUID}", "GetEventSourceMapping",
                get_event_source_mapping, c));
    t.add(route("PUT", "/2015-03-31/event-source-mappings/{UUID}", "UpdateEventSourceMapping",
                update_event_source_mapping, c));
    t.add(route("DELETE", "/2015-03-31/event-source-mappings/{UUID}", "DeleteEventSourceMapping",
                delete_event_source_mapping, c));
    // Account
    t.add(route("GET", "/2016-08-19/account-settings", "GetAccountSettings", get_account_settings, c));
    // Function URLs
    t.add(route("POST", "/2021-10-31/functions/{FunctionName}/url", "CreateFunctionUrlConfig",
                create_function_url_config, c));
    t.add(route("GET", "/2021-10-31/functions/{FunctionName}/url", "GetFunctionUrlConfig",
                get_function_url_config, c));
    t.add(route("PUT", "/2021-10-31/functions/{FunctionName}/url", "UpdateFunctionUrlConfig",
                update_function_url_config, c));
    t.add(route("DELETE", "/2021-10-31/functions/{FunctionName}/url", "DeleteFunctionUrlConfig",
                delete_function_url_config, c));
    t.add(route("GET", "/2021-10-31/functions/{FunctionName}/urls", "ListFunctionUrlConfigs",
                list_function_url_configs, c));
}

}  // namespace lemu::routers::lambda
