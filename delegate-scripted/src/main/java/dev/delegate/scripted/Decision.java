package dev.delegate.scripted;

/** The answer to an approval prompt, logged as its letter. */
enum Decision {
  YES("y"),
  TRUST("t"),
  NO("n");

  final String letter;

  Decision(String letter) {
    this.letter = letter;
  }
}
