// PublishVersion and ListVersionsByFunction.

#include "routers/lambda/function_codec.hpp"
#include "routers/lambda/handlers.hpp"
#include "routers/lambda/request_names.hpp"

namespace lemu::routers::lambda::handlers {

http::Response publish_version(http::Request& request, LambdaContext& ctx) {
    const std::string name = unqualified_function(request, ctx.home());
    control::PublishRequest publish = decode_publish_version(JsonInput::parse(request.body));
    publish.name = name;
    control::VersionPtr version = ctx.functions.publish_version(std::move(publish));
    return json_response(
        201, encode_configuration(*version, function_arn(ctx.home(), name, version->version), ctx.home()));
}

http::Response list_versions_by_function(http::Request& request, LambdaContext& ctx) {
    FunctionRef ref = function_ref_no_qualifier(request, NameGrammar::Namespaced, ctx.home());
    control::Page<control::ListedVersion> page =
        ctx.functions.list_versions(ref.name, marker(request), max_items(request, 10000));
    return json_response(200, encode_version_page(page, ListKind::Versions, ctx.home()));
}

}  // namespace lemu::routers::lambda::handlers
