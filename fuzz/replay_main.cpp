// Runs a fuzz target's LLVMFuzzerTestOneInput once on every file of the folders (or files) given,
// without libFuzzer: the regression test for inputs a fuzzer once crashed on. A crash or a failed
// invariant aborts, which fails the test; a missing folder is skipped (no regressions yet).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void replay(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    // A copy in its own allocation, so ASan catches a read past the end as libFuzzer would.
    const std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(data.data(), data.size());
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path where = argv[i];
        if (std::filesystem::is_regular_file(where)) {
            replay(where);
            ++replayed;
            continue;
        }
        if (!std::filesystem::is_directory(where)) continue;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(where)) {
            if (!entry.is_regular_file()) continue;
            replay(entry.path());
            ++replayed;
        }
    }
    std::cout << "replayed " << replayed << " inputs\n";
    return 0;
}
