// CreateEventSourceMapping, GetEventSourceMapping, UpdateEventSourceMapping, DeleteEventSourceMapping,
// ListEventSourceMappings: translations to the EsmManager (sources/esm), which validates and runs them.

#include "emulator/core/aws_error.hpp"
#include "routers/lambda/esm_codec.hpp"
#include "routers/lambda/handlers.hpp"
#include "routers/lambda/request_names.hpp"
#include "sources/esm/esm_manager.hpp"

namespace lemu::routers::lambda::handlers {
namespace {

sources::esm::EsmManager& manager(LambdaContext& ctx) {
    if (ctx.esm == nullptr) {
        throw AwsError(ErrorCode::Service, "Event source mappings are not available");
    }
    return *ctx.esm;
}

http::Response mapping_response(int status, const sources::esm::EventSourceMapping& m, LambdaContext& ctx) {
    return json_response(status, encode_mapping(m, ctx.home()));
}

}  // namespace

http::Response create_event_source_mapping(http::Request& request, LambdaContext& ctx) {
    sources::esm::CreateMappingRequest create = decode_create_mapping(JsonInput::parse(request.body));
    return mapping_response(202, manager(ctx).create(create), ctx);
}

http::Response get_event_source_mapping(http::Request& request, LambdaContext& ctx) {
    return mapping_response(200, manager(ctx).get(request.param("UUID")), ctx);
}

http::Response update_event_source_mapping(http::Request& request, LambdaContext& ctx) {
    sources::esm::UpdateMappingRequest update =
        decode_update_mapping(JsonInput::parse(request.body), request.param("UUID"));
    return mapping_response(202, manager(ctx).update(update), ctx);
}

http::Response delete_event_source_mapping(http::Request& request, LambdaContext& ctx) {
    return mapping_response(202, manager(ctx).remove(request.param("UUID")), ctx);
}

http::Response list_event_source_mappings(http::Request& request, LambdaContext& ctx) {
    sources::esm::ListMappingsRequest list;
    list.event_source_arn = request.query_param("EventSourceArn");
    list.function_name = request.query_param("FunctionName");
    list.marker = marker(request);
    list.max_items = max_items(request, 10000);
    return json_response(200, encode_mapping_page(manager(ctx).list(list), ctx.home()));
}

}  // namespace lemu::routers::lambda::handlers
