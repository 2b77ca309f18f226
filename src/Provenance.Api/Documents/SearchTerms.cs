using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Provenance.Data;
using Provenance.Data.Entities;

namespace Provenance.Api.Documents;

/// <summary>
/// The <c>q</c> filter: the term parsed with <c>websearch_to_tsquery</c> under every configuration of
/// <see cref="SearchLanguages.QueryConfigurations"/>, OR-ed into one tsquery (one GIN index scan), so
/// a word matches a text indexed in English, Russian, German, … by that language's word forms.
/// </summary>
internal static class SearchTerms
{
    private sealed class Term(string text)
    {
        public string Text { get; } = text;
    }

    public static (Expression<Func<Document, bool>> Matches, Expression<Func<Document, float>> Rank) For(string text)
    {
        // A member of a captured object, as a closure would be: EF sends the term as a parameter.
        Expression term = Expression.Property(Expression.Constant(new Term(text)), nameof(Term.Text));
        var functions = Expression.Property(null, typeof(EF), nameof(EF.Functions));
        var webSearch = typeof(NpgsqlFullTextSearchDbFunctionsExtensions).GetMethod(
            nameof(NpgsqlFullTextSearchDbFunctionsExtensions.WebSearchToTsQuery), [typeof(DbFunctions), typeof(string), typeof(string)])!;
        var or = typeof(NpgsqlFullTextSearchLinqExtensions).GetMethod(
            nameof(NpgsqlFullTextSearchLinqExtensions.Or), [typeof(NpgsqlTsQuery), typeof(NpgsqlTsQuery)])!;
        var matches = typeof(NpgsqlFullTextSearchLinqExtensions).GetMethod(
            nameof(NpgsqlFullTextSearchLinqExtensions.Matches), [typeof(NpgsqlTsVector), typeof(NpgsqlTsQuery)])!;
        var rank = typeof(NpgsqlFullTextSearchLinqExtensions).GetMethod(
            nameof(NpgsqlFullTextSearchLinqExtensions.Rank), [typeof(NpgsqlTsVector), typeof(NpgsqlTsQuery)])!;

        var query = SearchLanguages.QueryConfigurations
            .Select(c => (Expression)Expression.Call(webSearch, functions, Expression.Constant(c), term))
            .Aggregate((left, right) => Expression.Call(or, left, right));
        var document = Expression.Parameter(typeof(Document), "d");
        var vector = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(NpgsqlTsVector)], document, Expression.Constant("SearchVector"));
        return (Expression.Lambda<Func<Document, bool>>(Expression.Call(matches, vector, query), document),
            Expression.Lambda<Func<Document, float>>(Expression.Call(rank, vector, query), document));
    }
}
