#pragma once
// A streaming JSON writer for documents built on hot paths (FunctionConfiguration responses, the API
// Gateway proxy events): it appends
// straight to one string, several times cheaper than building an nlohmann document and dumping it.
// Strings are written as UTF-8; bytes that are not valid UTF-8 become U+FFFD, as nlohmann's
// error_handler_t::replace does, so request bytes of any kind still give a valid document.
// The caller keeps the structure well formed (keys only inside objects, every container closed).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lemu {

class JsonWriter {
public:
    explicit JsonWriter(std::size_t reserve = 1024);

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(std::uint64_t number);
    JsonWriter& value(bool flag);
    JsonWriter& null();
    // An already serialized JSON value, copied as it is.
    JsonWriter& raw(std::string_view json);

    template <class T>
    JsonWriter& field(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }

    std::string take() { return std::move(out_); }

private:
    void separate();
    void append_escaped(std::string_view text);
    template <class Integer>
    JsonWriter& append_integer(Integer number);

    std::string out_;
    std::vector<bool> first_;  // per open container: nothing written into it yet
    bool after_key_ = false;
};

}  // namespace lemu
