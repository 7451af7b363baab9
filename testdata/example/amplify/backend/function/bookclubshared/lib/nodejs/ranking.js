// Shared ranking used by the recommendation and REST functions (/opt/nodejs/ranking).
exports.score = (book, salt) => {
  const age = new Date().getFullYear() - (book.publishedYear || 2000);
  const base = (book.averageRating || 3) * 2 - Math.log1p(Math.max(age, 0));
  return Math.round(base * 100 + (salt ? salt.length % 7 : 0)) / 100;
};
