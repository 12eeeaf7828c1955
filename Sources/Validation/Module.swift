// The Validation module; its owner replaces this file.
