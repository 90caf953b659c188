// Runs the real coursedist binary for black-box tests (fork + exec, port file, /readyz).
#include "support/service_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "support/http_client.hpp"

#include <gtest/gtest.h>

#ifndef COURSEDIST_BINARY
#error "COURSEDIST_BINARY must be defined by the build (tests/CMakeLists.txt)"
#endif

namespace coursedist::testing {

namespace {

constexpr auto kStartTimeout = std::chrono::seconds(30);
constexpr auto kPollInterval = std::chrono::milliseconds(20);
constexpr auto kTerminateTimeout = std::chrono::seconds(10);

std::filesystem::path unique_dir(const std::string& prefix) {
    static std::atomic<unsigned> counter{0};
    std::random_device random;
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = base / (prefix + std::to_string(::getpid()) + "-" +
                                 std::to_string(counter++) + "-" + std::to_string(random()));
        std::error_code ec;
        if (std::filesystem::create_directory(candidate, ec)) return candidate;
    }
    throw std::runtime_error("cannot create a temporary directory under " + base.string());
}

// argv/envp storage that stays valid until exec.
struct CStrings {
    std::vector<std::string> storage;
    std::vector<char*> pointers() {
        std::vector<char*> out;
        for (auto& s : storage) out.push_back(s.data());
        out.push_back(nullptr);
        return out;
    }
};

CStrings make_environment(const std::map<std::string, std::string>& overrides) {
    std::map<std::string, std::string> merged;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        std::string_view text(*entry);
        const auto eq = text.find('=');
        if (eq == std::string_view::npos) continue;
        merged[std::string(text.substr(0, eq))] = std::string(text.substr(eq + 1));
    }
    for (const auto& [key, value] : overrides) merged[key] = value;
    CStrings env;
    for (const auto& [key, value] : merged) env.storage.push_back(key + "=" + value);
    return env;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Exit code, or 128 + signal for a process killed by a signal.
int decode_status(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

// Waits for `pid` up to `timeout`; the exit status, or nullopt if it is still running.
std::optional<int> wait_for(int pid, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        int status = 0;
        const int r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) return decode_status(status);
        if (r < 0 && errno != EINTR) return -1;  // not our child any more
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(kPollInterval);
    }
}

// Sanitizer runtimes (ASan, LSan, UBSan, TSan) report on stderr, which is the service's output
// here. A report is a failure of the test that ran the process, whatever the process did
// afterwards: UBSan and TSan may carry on, and an exit status is not looked at by every test.
// The output from the line of the first marker on; nothing for a clean output.
std::optional<std::string> sanitizer_report(const std::string& output) {
    static constexpr std::string_view kMarkers[] = {
        "ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "WARNING: ThreadSanitizer",
        "ERROR: ThreadSanitizer",  "runtime error:",       "SUMMARY: UndefinedBehaviorSanitizer",
    };
    std::size_t first = std::string::npos;
    for (const auto marker : kMarkers) first = std::min(first, output.find(marker));
    if (first == std::string::npos) return std::nullopt;
    const auto begin = output.rfind('\n', first);
    return output.substr(begin == std::string::npos ? 0 : begin + 1);
}

void expect_no_sanitizer_report(const std::string& output, const std::string& what) {
    if (auto report = sanitizer_report(output)) {
        ADD_FAILURE() << "sanitizer report in the output of " << what << ":\n" << *report;
    }
}

}  // namespace

TempDir::TempDir() : path_(unique_dir("coursedist-test-")) {}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

ServiceProcess::ServiceProcess(ServiceOptions options)
    : options_(std::move(options)), work_dir_(unique_dir("coursedist-service-")) {
    start();
}

ServiceProcess::~ServiceProcess() {
    if (pid_ > 0) terminate();
    // The whole log, every start included: a report at exit (leaks) comes after terminate().
    expect_no_sanitizer_report(output(), "coursedist serve");
    std::error_code ec;
    std::filesystem::remove_all(work_dir_, ec);
}

std::string ServiceProcess::output() const {
    return read_file(work_dir_ / "output.log");
}

void ServiceProcess::start() {
    const auto port_file = work_dir_ / "port";
    const auto log_file = work_dir_ / "output.log";
    std::error_code ignored;
    std::filesystem::remove(port_file, ignored);
    port_ = 0;

    CStrings args;
    args.storage = {COURSEDIST_BINARY, "serve",          "--listen",
                    "127.0.0.1:0",     "--port-file",    port_file.string(),
                    "--database",      options_.database};
    for (const auto& extra : options_.extra_args) args.storage.push_back(extra);
    auto overrides = options_.env;
    overrides["COURSEDIST_ADMIN_TOKENS"] = options_.admin_token;
    auto env = make_environment(overrides);
    auto argv = args.pointers();
    auto envp = env.pointers();

    const int log_fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0) throw std::runtime_error("cannot open " + log_file.string());
    const int pid = ::fork();
    if (pid < 0) {
        ::close(log_fd);
        throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
    }
    if (pid == 0) {
        ::dup2(log_fd, STDOUT_FILENO);
        ::dup2(log_fd, STDERR_FILENO);
        const int null_fd = ::open("/dev/null", O_RDONLY);
        if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
        ::execve(argv[0], argv.data(), envp.data());
        const char message[] = "exec of the coursedist binary failed\n";
        [[maybe_unused]] auto n = ::write(STDERR_FILENO, message, sizeof message - 1);
        ::_exit(127);
    }
    ::close(log_fd);
    pid_ = pid;

    const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    auto fail = [&](const std::string& why) {
        if (pid_ > 0) kill_hard();
        throw std::runtime_error("coursedist did not start: " + why + "\n--- output ---\n" +
                                 output());
    };
    // The port file may be half-written when first seen: a port only counts once /readyz
    // answers on it.
    while (true) {
        if (std::chrono::steady_clock::now() >= deadline) {
            fail(port_ == 0 ? "no port file after 30 s" : "/readyz did not answer in 30 s");
        }
        if (auto status = wait_for(pid_, std::chrono::milliseconds(0))) {
            pid_ = -1;
            fail("exited with status " + std::to_string(*status));
        }
        const long port = std::strtol(read_file(port_file).c_str(), nullptr, 10);
        if (port > 0 && port < 65536) {
            port_ = static_cast<std::uint16_t>(port);
            try {
                HttpClient client(port_);
                if (client.get("/readyz").status > 0) return;
            } catch (const std::exception&) {
                // not listening yet
            }
        }
        std::this_thread::sleep_for(kPollInterval);
    }
}

void ServiceProcess::kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
}

int ServiceProcess::terminate() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    auto status = wait_for(pid_, kTerminateTimeout);
    if (!status) {
        ::kill(pid_, SIGKILL);
        int raw = 0;
        while (::waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
        }
        status = decode_status(raw);
    }
    pid_ = -1;
    return *status;
}

void ServiceProcess::restart() {
    if (pid_ > 0) terminate();
    start();
}

std::pair<int, std::string> run_command(const std::vector<std::string>& args,
                                        const std::map<std::string, std::string>& env) {
    CStrings argv_storage;
    argv_storage.storage.push_back(COURSEDIST_BINARY);
    for (const auto& arg : args) argv_storage.storage.push_back(arg);
    auto environment = make_environment(env);
    auto argv = argv_storage.pointers();
    auto envp = environment.pointers();

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
    }
    const int pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
    }
    if (pid == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        ::dup2(fds[1], STDERR_FILENO);
        const int null_fd = ::open("/dev/null", O_RDONLY);
        if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
        ::execve(argv[0], argv.data(), envp.data());
        const char message[] = "exec of the coursedist binary failed\n";
        [[maybe_unused]] auto n = ::write(STDERR_FILENO, message, sizeof message - 1);
        ::_exit(127);
    }
    ::close(fds[1]);
    std::string output;
    char buffer[4096];
    while (true) {
        const auto n = ::read(fds[0], buffer, sizeof buffer);
        if (n > 0) {
            output.append(buffer, static_cast<std::size_t>(n));
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            break;
        }
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    expect_no_sanitizer_report(output,
                               "coursedist " + (args.empty() ? std::string() : args.front()));
    return {decode_status(status), output};
}

}  // namespace coursedist::testing
