#include <catch2/catch.hpp>

#include "sources/apigateway/path_template.hpp"
#include "sources/apigateway/resource_matcher.hpp"
#include "sources/apigateway/route_matcher.hpp"

using namespace lemu::sources::apigateway;

namespace {

Resource resource(std::string id, std::string path, std::vector<std::string> methods) {
    Resource r;
    r.id = std::move(id);
    r.path = std::move(path);
    for (auto& m : methods) {
        Method method;
        method.http_method = m;
        method.authorization_type = "NONE";
        r.methods[m] = method;
    }
    return r;
}

Route route(std::string id, std::string key) {
    Route r;
    r.id = std::move(id);
    r.route_key = std::move(key);
    return r;
}

std::string matched_route(const std::vector<Route>& routes, std::string_view method, std::string_view path) {
    auto m = match_route(routes, method, path);
    return m ? m->route->id : "none";
}

std::string matched_resource(const ResourceTree& tree, std::string_view method, std::string_view path) {
    auto m = match_resource(tree, method, path);
    return m ? m->resource->id + ":" + m->method->http_method : "none";
}

}  // namespace

TEST_CASE("path templates bind variables and greedy tails", "[unit][apigateway]") {
    auto m = match_path_template("/items/{id}", "/items/42");
    REQUIRE(m);
    CHECK(m->parameters.at("id") == "42");
    CHECK(m->specificity == std::vector<int>{2, 1});

    auto greedy = match_path_template("/files/{proxy+}", "/files/a/b%20c/d.txt");
    REQUIRE(greedy);
    CHECK(greedy->parameters.at("proxy") == "a/b c/d.txt");

    // One trailing slash is ignored; the greedy variable needs at least one segment.
    auto trailing = match_path_template("/{proxy+}", "/test-path/");
    REQUIRE(trailing);
    CHECK(trailing->parameters.at("proxy") == "test-path");
    CHECK_FALSE(match_path_template("/{proxy+}", "/"));
    CHECK(match_path_template("/", "/"));
    CHECK_FALSE(match_path_template("/items", "/items/1"));
    CHECK_FALSE(match_path_template("/items/{id}", "/items"));
    CHECK_FALSE(match_path_template("/items/{id}", "/things/1"));
    CHECK(variable_name("{proxy+}") == "proxy");
    CHECK(variable_name("items").empty());
}

TEST_CASE("REST routing: most specific resource that defines the method, exact method before ANY",
          "[unit][apigateway]") {
    ResourceTree tree{resource("root", "/", {"GET"}), resource("test", "/test", {"POST"}),
                      resource("any", "/test/any", {"ANY"}), resource("item", "/test/{id}", {"GET", "ANY"}),
                      resource("proxy", "/{proxy+}", {"OPTIONS", "GET"})};
    CHECK(matched_resource(tree, "GET", "/") == "root:GET");
    CHECK(matched_resource(tree, "POST", "/test") == "test:POST");
    // /test has no OPTIONS, so the greedy sibling serves it (AWS-validated behaviour).
    CHECK(matched_resource(tree, "OPTIONS", "/test") == "proxy:OPTIONS");
    CHECK(matched_resource(tree, "DELETE", "/test/any") == "any:ANY");
    CHECK(matched_resource(tree, "GET", "/test/7") == "item:GET");
    CHECK(matched_resource(tree, "PUT", "/test/7") == "item:ANY");
    CHECK(matched_resource(tree, "GET", "/a/b/c") == "proxy:GET");
    CHECK(matched_resource(tree, "DELETE", "/a/b/c") == "none");
    CHECK(matched_resource(tree, "POST", "/") == "none");

    auto m = match_resource(tree, "GET", "/test/abc%2Bdef");
    REQUIRE(m);
    CHECK(m->path_parameters.at("id") == "abc+def");
}

TEST_CASE("HTTP API routing precedence: literal, variable, greedy, ANY, then $default",
          "[unit][apigateway]") {
    std::vector<Route> routes{route("default", "$default"),
                              route("any-proxy", "ANY /{proxy+}"),
                              route("pets-proxy", "GET /pets/{proxy+}"),
                              route("dog-id", "GET /pets/dog/{id}"),
                              route("dog-1", "GET /pets/dog/1"),
                              route("any-dog-1", "ANY /pets/dog/1")};
    CHECK(matched_route(routes, "GET", "/pets/dog/1") == "dog-1");
    CHECK(matched_route(routes, "POST", "/pets/dog/1") == "any-dog-1");
    CHECK(matched_route(routes, "GET", "/pets/dog/2") == "dog-id");
    CHECK(matched_route(routes, "GET", "/pets/cat/2") == "pets-proxy");
    CHECK(matched_route(routes, "POST", "/pets/cat/2") == "any-proxy");
    CHECK(matched_route(routes, "GET", "/") == "default");

    std::vector<Route> no_default{route("items", "GET /items/{id}")};
    CHECK(matched_route(no_default, "GET", "/items/42") == "items");
    CHECK(matched_route(no_default, "POST", "/items/42") == "none");
    CHECK(match_route(no_default, "GET", "/items/42")->path_parameters.at("id") == "42");
}
