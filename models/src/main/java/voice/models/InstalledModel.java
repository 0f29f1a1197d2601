package voice.models;

import java.nio.file.Path;

/**
 * A model ready to use.
 *
 * @param path the unpacked folder, or the model file for single-file models
 */
public record InstalledModel(String id, String kind, Path path) {}
