// SPDX-License-Identifier: GPL-3.0-or-later

/// The version of TransferSim, as `transfersim --version` prints it and every manifest records it
/// (semantic versioning: outputs of the same version and inputs are byte-identical).
public enum ToolVersion {
    /// The current version.
    public static let current = "0.1.0"
}
