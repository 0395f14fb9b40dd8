// PublishLayerVersion, GetLayerVersion(ByArn), ListLayers, ListLayerVersions, DeleteLayerVersion.

#include "routers/lambda/handlers.hpp"
#include "routers/lambda/layer_codec.hpp"
#include "routers/lambda/request_names.hpp"

namespace lemu::routers::lambda::handlers {

http::Response publish_layer_version(http::Request& request, LambdaContext& ctx) {
    const std::string name = layer_name(request, ctx.home());
    DecodedLayer decoded = decode_publish_layer(JsonInput::parse(request.body));
    if (decoded.s3) {
        decoded.zip_file = read_s3_package(*decoded.s3, ctx);
    }
    control::StoredCode stored = ctx.code.put(decoded.zip_file);
    decoded.request.layer_name = name;
    decoded.request.content.sha256 = stored.sha256;
    decoded.request.content.size = stored.size;
    control::LayerVersionPtr version = ctx.layers.publish(std::move(decoded.request));
    return json_response(201, encode_layer_version(*version, ctx.layers, request));
}

http::Response get_layer_version(http::Request& request, LambdaContext& ctx) {
    const std::string name = layer_name(request, ctx.home());
    control::LayerVersionPtr version = ctx.layers.get(name, layer_version_number(request));
    return json_response(200, encode_layer_version(*version, ctx.layers, request));
}

http::Response get_layer_version_by_arn(http::Request& request, LambdaContext& ctx) {
    control::LayerVersionPtr version = ctx.layers.get_by_arn(layer_version_arn_param(request));
    return json_response(200, encode_layer_version(*version, ctx.layers, request));
}

http::Response list_layers(http::Request& request, LambdaContext& ctx) {
    control::Page<control::LayerVersionPtr> page = ctx.layers.list_layers(
        runtime_filter(request), architecture_filter(request), marker(request), max_items(request, 50));
    return json_response(200, encode_layer_page(page, ctx.layers, LayerListKind::Layers));
}

http::Response list_layer_versions(http::Request& request, LambdaContext& ctx) {
    const std::string name = layer_name(request, ctx.home());
    control::Page<control::LayerVersionPtr> page = ctx.layers.list_versions(
        name, runtime_filter(request), architecture_filter(request), marker(request), max_items(request, 50));
    return json_response(200, encode_layer_page(page, ctx.layers, LayerListKind::LayerVersions));
}

http::Response delete_layer_version(http::Request& request, LambdaContext& ctx) {
    ctx.layers.remove(layer_name(request, ctx.home()), layer_version_number(request));
    return no_content();
}

}  // namespace lemu::routers::lambda::handlers
