// The app asks for partial answers everywhere (errorPolicy "all"): a withheld field comes back as
// null plus an error, and the page must show the rest. Apollo Client 4 wants that declared.
import '@apollo/client';

declare module '@apollo/client' {
  namespace ApolloClient {
    namespace DeclareDefaultOptions {
      interface WatchQuery {
        errorPolicy: 'all';
      }
      interface Query {
        errorPolicy: 'all';
      }
      interface Mutate {
        errorPolicy: 'all';
      }
    }
  }
}
