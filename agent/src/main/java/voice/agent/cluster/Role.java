package voice.agent.cluster;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import voice.agent.UserError;

/** What a cluster member does: hold conversations ({@code gateway}), or serve a work stage. */
public enum Role {
  gateway, stt, tts, llm;

  /**
   * {@code names} as given ({@code gateway,tts}); an unknown name is a bad option (exit 2).
   *
   * @param where how the user gave them, for the message ({@code --roles})
   */
  public static EnumSet<Role> parse(List<String> names, String where) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (String listed : names) {
      for (String name : listed.split(",")) {
        String role = name.trim().toLowerCase(Locale.ROOT);
        if (role.isEmpty()) {
          continue;
        }
        try {
          roles.add(Role.valueOf(role));
        } catch (IllegalArgumentException e) {
          throw new UserError("unknown role '" + name.trim() + "' in " + where + ": the roles are "
              + Arrays.stream(values()).map(Role::name).collect(Collectors.joining(", ")), 2);
        }
      }
    }
    return roles;
  }

  /** {@code gateway,tts} as the member attribute and logs write it. */
  public static String join(Set<Role> roles) {
    return roles.stream().map(Role::name).collect(Collectors.joining(","));
  }
}
