#include <catch2/catch.hpp>

#include "routers/http/route_table.hpp"

using namespace lemu::http;

namespace {
boost::asio::awaitable<Response> nothing(Request&) { co_return Response::empty(200); }
}  // namespace

TEST_CASE("route table binds decoded path parameters", "[unit][http]") {
    RouteTable table;
    table.add({"GET", "/2015-03-31/functions/{FunctionName}/aliases/{Name}", nothing, 0, "", "GetAlias"});
    table.add({"GET", "/bucket/{Key+}", nothing, 0, "", "GetObject"});
    table.add({"GET", "/2018-10-31/layers", nothing, 0, "find=LayerVersion", "GetLayerVersionByArn"});
    table.add({"GET", "/2018-10-31/layers", nothing, 0, "", "ListLayers"});

    Request r = Request::make("GET", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af/aliases/live");
    const Route* route = table.bind(r);
    REQUIRE(route != nullptr);
    CHECK(route->operation == "GetAlias");
    CHECK(r.param("FunctionName") == "arn:aws:lambda:us-east-1:000000000000:function:f");
    CHECK(r.param("Name") == "live");

    Request key = Request::make("GET", "/bucket/a/b%20c/d.txt");
    REQUIRE(table.bind(key) != nullptr);
    CHECK(key.param("Key") == "a/b c/d.txt");

    Request by_arn = Request::make("GET", "/2018-10-31/layers?find=LayerVersion&Arn=x");
    CHECK(table.find(by_arn)->operation == "GetLayerVersionByArn");
    Request list = Request::make("GET", "/2018-10-31/layers?MaxItems=2");
    CHECK(table.find(list)->operation == "ListLayers");

    Request wrong_method = Request::make("DELETE", "/2018-10-31/layers");
    CHECK(table.find(wrong_method) == nullptr);
    CHECK(table.path_known(wrong_method));
    CHECK_FALSE(table.path_known(Request::make("GET", "/nowhere")));
}
