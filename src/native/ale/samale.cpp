// samale: a small extern "C" surface over ale::ALEInterface for P/Invoke from SamRl.Envs.Ale.
//
// Rules every entry point keeps:
// * No C++ exception crosses the C boundary: each call returns 0 on success, otherwise 1 with a
//   one-line message copied into the caller's (err, err_len) buffer.
// * ALE calls std::exit() when loadROM meets a missing, unreadable or unknown ROM, which would kill
//   the .NET process; samale_check_rom rejects those cases first and samale_load_rom always runs it.
#include <ale/ale_interface.hpp>
#include <ale/common/Log.hpp>
#include <ale/emucore/MD5.hxx>
#include <ale/games/Roms.hpp>
#include <ale/version.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#define SAMALE_API extern "C" __attribute__((visibility("default")))

namespace {

// Atari 2600 cartridges range from 2 KiB to a few hundred KiB (bank-switched); anything outside this
// is not a ROM and could make Stella's cartridge detection misbehave.
constexpr std::uintmax_t kMinRomBytes = 2048;
constexpr std::uintmax_t kMaxRomBytes = 1024 * 1024;

struct Env {
  ale::ALEInterface ale;
  std::vector<unsigned char> screen;  // reused so a screen read allocates nothing after the first
};

// Copies the first line of text, truncated to fit and NUL-terminated.
void copy_line(char* dst, int dst_len, const std::string& text) {
  if (dst == nullptr || dst_len <= 0) return;
  std::string line = text.substr(0, text.find('\n'));
  std::size_t n = std::min<std::size_t>(line.size(), static_cast<std::size_t>(dst_len - 1));
  std::memcpy(dst, line.data(), n);
  dst[n] = '\0';
}

int fail(char* err, int err_len, const std::string& message) {
  copy_line(err, err_len, message);
  return 1;
}

template <typename F>
int guard(char* err, int err_len, F&& body) {
  try {
    body();
    return 0;
  } catch (const std::exception& e) {
    return fail(err, err_len, e.what());
  } catch (...) {
    return fail(err, err_len, "unknown C++ exception in ALE");
  }
}

// Throws with a readable reason unless ALE can load the file without calling exit().
std::string check_rom(const char* path) {
  if (path == nullptr || *path == '\0') throw std::runtime_error("no ROM path given");
  namespace fs = std::filesystem;
  fs::path rom(path);
  std::error_code ec;
  if (!fs::exists(rom, ec)) throw std::runtime_error("ROM file not found: " + rom.string());
  if (!fs::is_regular_file(rom, ec)) throw std::runtime_error("ROM path is not a regular file: " + rom.string());
  std::uintmax_t size = fs::file_size(rom, ec);
  if (ec) throw std::runtime_error("cannot read the size of ROM file " + rom.string() + ": " + ec.message());
  if (size < kMinRomBytes || size > kMaxRomBytes)
    throw std::runtime_error("not an Atari 2600 ROM (" + std::to_string(size) + " bytes; expected 2 KiB to 1 MiB): " +
                             rom.string());
  std::ifstream in(rom, std::ios::binary);
  if (!in.good()) throw std::runtime_error("ROM file is not readable: " + rom.string());
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() != size) throw std::runtime_error("short read on ROM file " + rom.string());
  std::string md5 = ale::stella::MD5(bytes.data(), static_cast<std::uint32_t>(bytes.size()));
  // ALE accepts a ROM by MD5 or, failing that, by its snake_case file name; mirror that rule.
  std::unique_ptr<ale::RomSettings> settings(ale::buildRomRLWrapper(rom, md5));
  if (!settings)
    throw std::runtime_error("ALE does not support this ROM (md5 " + md5 + ", file " + rom.filename().string() +
                             "); name it after the game in snake_case, e.g. pong.bin");
  return settings->rom();
}

int copy_ints(const std::vector<int>& values, int* out, int cap, int* count) {
  *count = static_cast<int>(values.size());
  int n = std::min(cap, *count);
  for (int i = 0; i < n; ++i) out[i] = values[i];
  return 0;
}

}  // namespace

SAMALE_API int samale_version(char* out, int out_len) {
  copy_line(out, out_len, ALE_VERSION);
  return 0;
}

SAMALE_API void samale_set_logger_mode(int mode) {
  ale::Logger::setMode(static_cast<ale::Logger::mode>(std::clamp(mode, 0, 2)));
}

SAMALE_API int samale_create(void** handle, char* err, int err_len) {
  *handle = nullptr;
  return guard(err, err_len, [&] { *handle = new Env(); });
}

SAMALE_API void samale_destroy(void* handle) {
  try {
    delete static_cast<Env*>(handle);
  } catch (...) {
  }
}

SAMALE_API int samale_set_int(void* handle, const char* key, int value, char* err, int err_len) {
  return guard(err, err_len, [&] { static_cast<Env*>(handle)->ale.setInt(key, value); });
}

SAMALE_API int samale_set_float(void* handle, const char* key, float value, char* err, int err_len) {
  return guard(err, err_len, [&] { static_cast<Env*>(handle)->ale.setFloat(key, value); });
}

SAMALE_API int samale_set_bool(void* handle, const char* key, int value, char* err, int err_len) {
  return guard(err, err_len, [&] { static_cast<Env*>(handle)->ale.setBool(key, value != 0); });
}

SAMALE_API int samale_set_string(void* handle, const char* key, const char* value, char* err, int err_len) {
  return guard(err, err_len, [&] { static_cast<Env*>(handle)->ale.setString(key, value); });
}

// Writes the game id ALE knows the ROM by (e.g. "pong") into name.
SAMALE_API int samale_check_rom(const char* path, char* name, int name_len, char* err, int err_len) {
  return guard(err, err_len, [&] { copy_line(name, name_len, check_rom(path)); });
}

SAMALE_API int samale_load_rom(void* handle, const char* path, char* err, int err_len) {
  return guard(err, err_len, [&] {
    check_rom(path);
    static_cast<Env*>(handle)->ale.loadROM(path);
  });
}

SAMALE_API int samale_reset(void* handle, char* err, int err_len) {
  return guard(err, err_len, [&] { static_cast<Env*>(handle)->ale.reset_game(); });
}

SAMALE_API int samale_act(void* handle, int action, float paddle_strength, int* reward, char* err, int err_len) {
  return guard(err, err_len, [&] {
    *reward = static_cast<Env*>(handle)->ale.act(static_cast<ale::Action>(action), paddle_strength);
  });
}

// One call for everything the C# side reads after each act(), to keep P/Invoke transitions few.
SAMALE_API int samale_status(void* handle, int* terminated, int* truncated, int* lives, int* frame_number,
                             int* episode_frame_number, char* err, int err_len) {
  return guard(err, err_len, [&] {
    auto& ale = static_cast<Env*>(handle)->ale;
    *terminated = ale.game_over(false) ? 1 : 0;
    *truncated = ale.game_truncated() ? 1 : 0;
    *lives = ale.lives();
    *frame_number = ale.getFrameNumber();
    *episode_frame_number = ale.getEpisodeFrameNumber();
  });
}

SAMALE_API int samale_screen_size(void* handle, int* width, int* height, char* err, int err_len) {
  return guard(err, err_len, [&] {
    const auto& screen = static_cast<Env*>(handle)->ale.getScreen();
    *width = static_cast<int>(screen.width());
    *height = static_cast<int>(screen.height());
  });
}

SAMALE_API int samale_screen_rgb(void* handle, unsigned char* out, int out_len, char* err, int err_len) {
  return guard(err, err_len, [&] {
    auto* env = static_cast<Env*>(handle);
    env->ale.getScreenRGB(env->screen);
    if (static_cast<std::size_t>(out_len) < env->screen.size()) throw std::runtime_error("RGB screen buffer too small");
    std::memcpy(out, env->screen.data(), env->screen.size());
  });
}

SAMALE_API int samale_screen_grayscale(void* handle, unsigned char* out, int out_len, char* err, int err_len) {
  return guard(err, err_len, [&] {
    auto* env = static_cast<Env*>(handle);
    env->ale.getScreenGrayscale(env->screen);
    if (static_cast<std::size_t>(out_len) < env->screen.size())
      throw std::runtime_error("grayscale screen buffer too small");
    std::memcpy(out, env->screen.data(), env->screen.size());
  });
}

SAMALE_API int samale_ram(void* handle, unsigned char* out, int out_len, int* count, char* err, int err_len) {
  return guard(err, err_len, [&] {
    const auto& ram = static_cast<Env*>(handle)->ale.getRAM();
    *count = static_cast<int>(ram.size());
    int n = std::min(out_len, *count);
    for (int i = 0; i < n; ++i) out[i] = ram.get(i);
  });
}

SAMALE_API int samale_action_set(void* handle, int minimal, int* out, int cap, int* count, char* err, int err_len) {
  return guard(err, err_len, [&] {
    auto& ale = static_cast<Env*>(handle)->ale;
    ale::ActionVect actions = minimal ? ale.getMinimalActionSet() : ale.getLegalActionSet();
    std::vector<int> ints(actions.begin(), actions.end());
    copy_ints(ints, out, cap, count);
  });
}

SAMALE_API int samale_modes(void* handle, int* out, int cap, int* count, char* err, int err_len) {
  return guard(err, err_len, [&] {
    auto modes = static_cast<Env*>(handle)->ale.getAvailableModes();
    copy_ints(std::vector<int>(modes.begin(), modes.end()), out, cap, count);
  });
}

SAMALE_API int samale_difficulties(void* handle, int* out, int cap, int* count, char* err, int err_len) {
  return guard(err, err_len, [&] {
    auto values = static_cast<Env*>(handle)->ale.getAvailableDifficulties();
    copy_ints(std::vector<int>(values.begin(), values.end()), out, cap, count);
  });
}

SAMALE_API int samale_set_mode(void* handle, int mode, char* err, int err_len) {
  return guard(err, err_len, [&] { static_cast<Env*>(handle)->ale.setMode(static_cast<ale::game_mode_t>(mode)); });
}

SAMALE_API int samale_set_difficulty(void* handle, int difficulty, char* err, int err_len) {
  return guard(err, err_len,
               [&] { static_cast<Env*>(handle)->ale.setDifficulty(static_cast<ale::difficulty_t>(difficulty)); });
}
