#pragma once
// The Lambda API operations, one plain function per operation, grouped by resource in functions.cpp,
// versions.cpp, aliases.cpp, policy.cpp, concurrency.cpp, tags.cpp, layers.cpp, event_invoke_config.cpp
// and account.cpp. routes.cpp maps method + path to them. Handlers translate only: decode the request
// (codec files), call the domain, encode the answer; errors are thrown as AwsError.

#include "routers/http/request.hpp"
#include "routers/http/response.hpp"
#include "routers/lambda/context.hpp"
#include "routers/lambda/json_input.hpp"

namespace lemu::routers::lambda {

http::Response json_response(int status, const Json& body);
http::Response json_response(int status, std::string body);
http::Response no_content();

namespace handlers {

using Handler = http::Response (*)(http::Request&, LambdaContext&);

// functions.cpp
http::Response create_function(http::Request& request, LambdaContext& ctx);
http::Response get_function(http::Request& request, LambdaContext& ctx);
http::Response get_function_configuration(http::Request& request, LambdaContext& ctx);
http::Response update_function_code(http::Request& request, LambdaContext& ctx);
http::Response update_function_configuration(http::Request& request, LambdaContext& ctx);
http::Response delete_function(http::Request& request, LambdaContext& ctx);
http::Response list_functions(http::Request& request, LambdaContext& ctx);
http::Response download_code(http::Request& request, LambdaContext& ctx);

// versions.cpp
http::Response publish_version(http::Request& request, LambdaContext& ctx);
http::Response list_versions_by_function(http::Request& request, LambdaContext& ctx);

// aliases.cpp
http::Response create_alias(http::Request& request, LambdaContext& ctx);
http::Response get_alias(http::Request& request, LambdaContext& ctx);
http::Response update_alias(http::Request& request, LambdaContext& ctx);
http::Response delete_alias(http::Request& request, LambdaContext& ctx);
http::Response list_aliases(http::Request& request, LambdaContext& ctx);

// policy.cpp
http::Response add_permission(http::Request& request, LambdaContext& ctx);
http::Response remove_permission(http::Request& request, LambdaContext& ctx);
http::Response get_policy(http::Request& request, LambdaContext& ctx);

// concurrency.cpp
http::Response put_function_concurrency(http::Request& request, LambdaContext& ctx);
http::Response get_function_concurrency(http::Request& request, LambdaContext& ctx);
http::Response delete_function_concurrency(http::Request& request, LambdaContext& ctx);

// tags.cpp
http::Response tag_resource(http::Request& request, LambdaContext& ctx);
http::Response untag_resource(http::Request& request, LambdaContext& ctx);
http::Response list_tags(http::Request& request, LambdaContext& ctx);

// layers.cpp
http::Response publish_layer_version(http::Request& request, LambdaContext& ctx);
http::Response get_layer_version(http::Request& request, LambdaContext& ctx);
http::Response get_layer_version_by_arn(http::Request& request, LambdaContext& ctx);
http::Response list_layers(http::Request& request, LambdaContext& ctx);
http::Response list_layer_versions(http::Request& request, LambdaContext& ctx);
http::Response delete_layer_version(http::Request& request, LambdaContext& ctx);

// event_invoke_config.cpp
http::Response put_event_invoke_config(http::Request& request, LambdaContext& ctx);
http::Response update_event_invoke_config(http::Request& request, LambdaContext& ctx);
http::Response get_event_invoke_config(http::Request& request, LambdaContext& ctx);
http::Response delete_event_invoke_config(http::Request& request, LambdaContext& ctx);
http::Response list_event_invoke_configs(http::Request& request, LambdaContext& ctx);

// esm.cpp
http::Response create_event_source_mapping(http::Request& request, LambdaContext& ctx);
http::Response get_event_source_mapping(http::Request& request, LambdaContext& ctx);
http::Response update_event_source_mapping(http::Request& request, LambdaContext& ctx);
http::Response delete_event_source_mapping(http::Request& request, LambdaContext& ctx);
http::Response list_event_source_mappings(http::Request& request, LambdaContext& ctx);

// account.cpp
http::Response get_account_settings(http::Request& request, LambdaContext& ctx);

// urls.cpp
http::Response create_function_url_config(http::Request& request, LambdaContext& ctx);
http::Response get_function_url_config(http::Request& request, LambdaContext& ctx);
http::Response update_function_url_config(http::Request& request, LambdaContext& ctx);
http::Response delete_function_url_config(http::Request& request, LambdaContext& ctx);
http::Response list_function_url_configs(http::Request& request, LambdaContext& ctx);

}  // namespace handlers
}  // namespace lemu::routers::lambda
