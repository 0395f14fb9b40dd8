#pragma once
// A small streaming JSON writer for the hot response shapes (FunctionConfiguration and its lists): it
// appends straight to a string, several times faster than building an nlohmann document first.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lemu::routers::lambda {

class JsonWriter {
  public:
    JsonWriter();
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(std::uint64_t number);
    JsonWriter& value(bool flag);
    // An already serialized JSON value.
    JsonWriter& raw(std::string_view json);

    template <class T>
    JsonWriter& field(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }

    std::string take() { return std::move(out_); }

  private:
    void separate();

    std::string out_;
    std::vector<bool> first_;  // per open container: nothing written into it yet
    bool after_key_ = false;
};

}  // namespace lemu::routers::lambda
