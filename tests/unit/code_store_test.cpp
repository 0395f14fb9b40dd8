#include "emulator/control/code_store.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "control_test_util.hpp"
#include "emulator/control/zip_archive.hpp"
#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"
#include "zip_fixture.hpp"

using namespace lemu;
using namespace lemu::control;
using namespace lemu::testing;
namespace fs = std::filesystem;

namespace {

const std::string kCorrupt =
    "Could not unzip uploaded file. Please check your file, then try to upload again.";

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("lemu-code-" + random_hex(*std::make_unique<SystemRandom>(), 12));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("CodeSha256 is base64 of the SHA-256 of the zip bytes", "[unit][code]") {
    std::string zip = make_zip({{"bootstrap", "#!/bin/sh\necho hi\n", 0100755}});
    StoredCode code = CodeStore::inspect(zip);
    CHECK(code.sha256 == base64_encode(sha256(zip)));
    CHECK(code.hex == hex_encode(sha256(zip)));
    CHECK(code.size == zip.size());
    CHECK(code.unzipped_size == 18);
    CHECK(CodeStore::hex_of(code.sha256) == code.hex);
    CHECK(CodeStore::hex_of("not base64!").empty());
}

TEST_CASE("corrupt zips are rejected and nothing is stored", "[unit][code]") {
    TempDir dir;
    CodeStore store(dir.path);
    require_error([] { CodeStore::inspect("definitely not a zip"); }, ErrorCode::InvalidParameterValue,
                  kCorrupt);
    require_error([&] { store.put(""); }, ErrorCode::InvalidParameterValue, kCorrupt);
    // A damaged entry: flip bytes inside the compressed data of a valid archive.
    std::string zip = make_zip({{"a.txt", std::string(4000, 'x') + "tail"}});
    std::string damaged = zip;
    for (std::size_t i = 40; i < 60; ++i) {
        damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
    }
    require_error([&] { store.put(damaged); }, ErrorCode::InvalidParameterValue, kCorrupt);
    CHECK(fs::is_empty(dir.path / "zips"));
}

TEST_CASE("entries with an absolute path or .. are rejected", "[unit][code]") {
    TempDir dir;
    CodeStore store(dir.path);
    for (const char* name : {"../evil.sh", "/etc/evil", "a/../../evil", "a/..\\..\\evil"}) {
        std::string zip = make_zip({{"ok.txt", "fine"}, {name, "bad"}});
        require_error(
            [&] { store.put(zip); }, ErrorCode::InvalidParameterValue,
            kCorrupt + " The entry '" + name + "' has an absolute path or leaves the extraction directory.");
    }
    std::string link = make_zip({{"link", "../../etc/passwd", 0120777}});
    require_error([&] { store.put(link); }, ErrorCode::InvalidParameterValue,
                  kCorrupt + " The symbolic link 'link' points outside the extraction directory.");
    CHECK(fs::is_empty(dir.path / "zips"));
    CHECK_NOTHROW(store.put(make_zip({{"a..b/c..d", "dots in names are fine"}})));
}

TEST_CASE("relative symbolic links that stay inside are kept (npm's node_modules/.bin)", "[unit][code]") {
    TempDir dir;
    CodeStore store(dir.path);
    StoredCode code = store.put(make_zip({{"node_modules/pkg/bin/tool.js", "console.log(1)\n", 0100755},
                                          {"node_modules/.bin/tool", "../pkg/bin/tool.js", 0120777},
                                          {"current", "node_modules/./pkg", 0120777}}));
    fs::path root = store.extracted_dir(code.sha256);
    CHECK(fs::read_symlink(root / "node_modules/.bin/tool") == "../pkg/bin/tool.js");
    CHECK(fs::is_regular_file(root / "node_modules/.bin/tool"));
    for (const auto& [name, target] : std::vector<std::pair<std::string, std::string>>{
             {"a/b/up", "../../../x"}, {"top", ".."}, {"a/abs", "/etc/passwd"}, {"a/win", "..\\..\\x"}}) {
        require_error([&] { store.put(make_zip({{name, target, 0120777}})); }, ErrorCode::InvalidParameterValue,
                      kCorrupt + " The symbolic link '" + name + "' points outside the extraction directory.");
    }
    // A link placed through another link would be resolved from somewhere else: refused.
    require_error([&] { store.put(make_zip({{"a", ".", 0120777}, {"a/a/up", "../..", 0120777}})); },
                  ErrorCode::InvalidParameterValue,
                  kCorrupt + " The symbolic link 'a/a/up' points outside the extraction directory.");
}

TEST_CASE("more than the unzipped limit is rejected, counting real bytes", "[unit][code]") {
    std::string zip = make_zip({{"a", std::string(600, 'a')}, {"b", std::string(600, 'b')}});
    CHECK(validate_zip(zip, 1200) == 1200);
    require_error([&] { validate_zip(zip, 1199); }, ErrorCode::InvalidParameterValue,
                  "Unzipped size must be smaller than 1199 bytes");
    require_error([&] { CodeStore::inspect(std::string(kMaxZippedBytes + 1, 'z')); },
                  ErrorCode::RequestEntityTooLarge, "Zipped size must be smaller than 52428800 bytes");
}

TEST_CASE("stored zips are content-addressed and extracted with their exec bits", "[unit][code]") {
    TempDir dir;
    CodeStore store(dir.path);
    std::string zip = make_zip({{"bootstrap", "#!/bin/sh\n", 0100755},
                                {"lib/data.txt", "data", 0100640},
                                {"empty/", "", 040755},
                                {"plain.txt", "no unix mode", 0}});
    StoredCode code = store.put(zip);
    CHECK(store.put(zip).sha256 == code.sha256);  // idempotent
    CHECK(store.contains(code.sha256));
    CHECK(store.zip_path(code.sha256) == dir.path / "zips" / (code.hex + ".zip"));
    CHECK(store.read(code.sha256) == zip);
    fs::path out = store.extracted_dir(code.sha256);
    CHECK(out == dir.path / "extracted" / code.hex);
    CHECK(slurp(out / "bootstrap") == "#!/bin/sh\n");
    auto perms = fs::status(out / "bootstrap").permissions();
    CHECK((perms & fs::perms::owner_exec) != fs::perms::none);
    CHECK((perms & fs::perms::others_exec) != fs::perms::none);
    auto data = fs::status(out / "lib/data.txt").permissions();
    CHECK((data & fs::perms::owner_exec) == fs::perms::none);
    CHECK((data & fs::perms::others_read) == fs::perms::none);
    CHECK(fs::is_directory(out / "empty"));
    CHECK(slurp(out / "plain.txt") == "no unix mode");
    CHECK(store.extracted_dir(code.sha256) == out);  // cached
}

TEST_CASE("merged layer directories overlay later layers on earlier ones", "[unit][code]") {
    TempDir dir;
    CodeStore store(dir.path);
    StoredCode first = store.put(make_zip({{"bin/tool", "v1", 0100755}, {"shared.txt", "from first"}}));
    StoredCode second = store.put(make_zip({{"shared.txt", "from second"}, {"python/mod.py", "x = 1"}}));
    fs::path merged = store.merged_dir({first.sha256, second.sha256});
    CHECK(slurp(merged / "shared.txt") == "from second");
    CHECK(slurp(merged / "bin/tool") == "v1");
    CHECK(slurp(merged / "python/mod.py") == "x = 1");
    fs::path reversed = store.merged_dir({second.sha256, first.sha256});
    CHECK(reversed != merged);
    CHECK(slurp(reversed / "shared.txt") == "from first");
    CHECK(store.merged_dir({first.sha256, second.sha256}) == merged);
}
