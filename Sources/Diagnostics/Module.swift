// The Diagnostics module; its owner replaces this file.
