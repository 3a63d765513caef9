/** The group the product creates when the publisher node is installed. */
export const DEFAULT_GROUP_NAME = "DefaultCUPSubCluster";
