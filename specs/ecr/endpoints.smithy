$version: "2.0"

// The endpoint rules of Amazon ECR and the test cases any resolver must pass, as the official
// model carries them (aws/api-models-aws at 56c8953e, ecr-2015-09-21.json, Apache License 2.0):
// with them the bundled client resolves FIPS, dual-stack, GovCloud, China and ISO endpoints as
// aws-sdk-ecr does. Data copied unchanged; regenerate this file from the model, do not edit it.

namespace com.amazonaws.ecr

apply AmazonEC2ContainerRegistry_V20150921 @smithy.rules#endpointRuleSet({
  "version": "1.0",
  "parameters": {
    "Region": {
      "builtIn": "AWS::Region",
      "required": false,
      "documentation": "The AWS region used to dispatch the request.",
      "type": "String"
    },
    "UseDualStack": {
      "builtIn": "AWS::UseDualStack",
      "required": true,
      "default": false,
      "documentation": "When true, use the dual-stack endpoint. If the configured endpoint does not support dual-stack, dispatching the request MAY return an error.",
      "type": "Boolean"
    },
    "UseFIPS": {
      "builtIn": "AWS::UseFIPS",
      "required": true,
      "default": false,
      "documentation": "When true, send this request to the FIPS-compliant regional endpoint. If the configured endpoint does not have a FIPS compliant endpoint, dispatching the request will return an error.",
      "type": "Boolean"
    },
    "Endpoint": {
      "builtIn": "SDK::Endpoint",
      "required": false,
      "documentation": "Override the endpoint used to send this request",
      "type": "String"
    }
  },
  "rules": [
    {
      "conditions": [
        {
          "fn": "isSet",
          "argv": [
            {
              "ref": "Endpoint"
            }
          ]
        }
      ],
      "rules": [
        {
          "conditions": [
            {
              "fn": "booleanEquals",
              "argv": [
                {
                  "ref": "UseFIPS"
                },
                true
              ]
            }
          ],
          "error": "Invalid Configuration: FIPS and custom endpoint are not supported",
          "type": "error"
        },
        {
          "conditions": [
            {
              "fn": "booleanEquals",
              "argv": [
                {
                  "ref": "UseDualStack"
                },
                true
              ]
            }
          ],
          "error": "Invalid Configuration: Dualstack and custom endpoint are not supported",
          "type": "error"
        },
        {
          "conditions": [],
          "endpoint": {
            "url": {
              "ref": "Endpoint"
            },
            "properties": {},
            "headers": {}
          },
          "type": "endpoint"
        }
      ],
      "type": "tree"
    },
    {
      "conditions": [
        {
          "fn": "isSet",
          "argv": [
            {
              "ref": "Region"
            }
          ]
        }
      ],
      "rules": [
        {
          "conditions": [
            {
              "fn": "aws.partition",
              "argv": [
                {
                  "ref": "Region"
                }
              ],
              "assign": "PartitionResult"
            }
          ],
          "rules": [
            {
              "conditions": [
                {
                  "fn": "booleanEquals",
                  "argv": [
                    {
                      "ref": "UseFIPS"
                    },
                    true
                  ]
                },
                {
                  "fn": "booleanEquals",
                  "argv": [
                    {
                      "ref": "UseDualStack"
                    },
                    true
                  ]
                }
              ],
              "rules": [
                {
                  "conditions": [
                    {
                      "fn": "booleanEquals",
                      "argv": [
                        true,
                        {
                          "fn": "getAttr",
                          "argv": [
                            {
                              "ref": "PartitionResult"
                            },
                            "supportsFIPS"
                          ]
                        }
                      ]
                    },
                    {
                      "fn": "booleanEquals",
                      "argv": [
                        true,
                        {
                          "fn": "getAttr",
                          "argv": [
                            {
                              "ref": "PartitionResult"
                            },
                            "supportsDualStack"
                          ]
                        }
                      ]
                    }
                  ],
                  "rules": [
                    {
                      "conditions": [],
                      "endpoint": {
                        "url": "https://api.ecr-fips.{Region}.{PartitionResult#dualStackDnsSuffix}",
                        "properties": {},
                        "headers": {}
                      },
                      "type": "endpoint"
                    }
                  ],
                  "type": "tree"
                },
                {
                  "conditions": [],
                  "error": "FIPS and DualStack are enabled, but this partition does not support one or both",
                  "type": "error"
                }
              ],
              "type": "tree"
            },
            {
              "conditions": [
                {
                  "fn": "booleanEquals",
                  "argv": [
                    {
                      "ref": "UseFIPS"
                    },
                    true
                  ]
                }
              ],
              "rules": [
                {
                  "conditions": [
                    {
                      "fn": "booleanEquals",
                      "argv": [
                        {
                          "fn": "getAttr",
                          "argv": [
                            {
                              "ref": "PartitionResult"
                            },
                            "supportsFIPS"
                          ]
                        },
                        true
                      ]
                    }
                  ],
                  "rules": [
                    {
                      "conditions": [
                        {
                          "fn": "stringEquals",
                          "argv": [
                            {
                              "fn": "getAttr",
                              "argv": [
                                {
                                  "ref": "PartitionResult"
                                },
                                "name"
                              ]
                            },
                            "aws"
                          ]
                        }
                      ],
                      "endpoint": {
                        "url": "https://ecr-fips.{Region}.amazonaws.com",
                        "properties": {},
                        "headers": {}
                      },
                      "type": "endpoint"
                    },
                    {
                      "conditions": [
                        {
                          "fn": "stringEquals",
                          "argv": [
                            {
                              "fn": "getAttr",
                              "argv": [
                                {
                                  "ref": "PartitionResult"
                                },
                                "name"
                              ]
                            },
                            "aws-us-gov"
                          ]
                        }
                      ],
                      "endpoint": {
                        "url": "https://ecr-fips.{Region}.amazonaws.com",
                        "properties": {},
                        "headers": {}
                      },
                      "type": "endpoint"
                    },
                    {
                      "conditions": [],
                      "endpoint": {
                        "url": "https://api.ecr-fips.{Region}.{PartitionResult#dnsSuffix}",
                        "properties": {},
                        "headers": {}
                      },
                      "type": "endpoint"
                    }
                  ],
                  "type": "tree"
                },
                {
                  "conditions": [],
                  "error": "FIPS is enabled but this partition does not support FIPS",
                  "type": "error"
                }
              ],
              "type": "tree"
            },
            {
              "conditions": [
                {
                  "fn": "booleanEquals",
                  "argv": [
                    {
                      "ref": "UseDualStack"
                    },
                    true
                  ]
                }
              ],
              "rules": [
                {
                  "conditions": [
                    {
                      "fn": "booleanEquals",
                      "argv": [
                        true,
                        {
                          "fn": "getAttr",
                          "argv": [
                            {
                              "ref": "PartitionResult"
                            },
                            "supportsDualStack"
                          ]
                        }
                      ]
                    }
                  ],
                  "rules": [
                    {
                      "conditions": [],
                      "endpoint": {
                        "url": "https://api.ecr.{Region}.{PartitionResult#dualStackDnsSuffix}",
                        "properties": {},
                        "headers": {}
                      },
                      "type": "endpoint"
                    }
                  ],
                  "type": "tree"
                },
                {
                  "conditions": [],
                  "error": "DualStack is enabled but this partition does not support DualStack",
                  "type": "error"
                }
              ],
              "type": "tree"
            },
            {
              "conditions": [],
              "endpoint": {
                "url": "https://api.ecr.{Region}.{PartitionResult#dnsSuffix}",
                "properties": {},
                "headers": {}
              },
              "type": "endpoint"
            }
          ],
          "type": "tree"
        }
      ],
      "type": "tree"
    },
    {
      "conditions": [],
      "error": "Invalid Configuration: Missing Region",
      "type": "error"
    }
  ]
})

apply AmazonEC2ContainerRegistry_V20150921 @smithy.rules#endpointTests({
  "testCases": [
    {
      "documentation": "For region af-south-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.af-south-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "af-south-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region ap-east-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.ap-east-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "ap-east-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region ap-northeast-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.ap-northeast-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "ap-northeast-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region ap-northeast-2 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.ap-northeast-2.amazonaws.com"
        }
      },
      "params": {
        "Region": "ap-northeast-2",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region ap-northeast-3 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.ap-northeast-3.amazonaws.com"
        }
      },
      "params": {
        "Region": "ap-northeast-3",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region ap-south-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.ap-south-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "ap-south-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region ap-southeast-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.ap-southeast-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "ap-southeast-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region ap-southeast-2 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.ap-southeast-2.amazonaws.com"
        }
      },
      "params": {
        "Region": "ap-southeast-2",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region ap-southeast-3 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.ap-southeast-3.amazonaws.com"
        }
      },
      "params": {
        "Region": "ap-southeast-3",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region ca-central-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.ca-central-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "ca-central-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region eu-central-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.eu-central-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "eu-central-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region eu-north-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.eu-north-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "eu-north-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region eu-south-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.eu-south-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "eu-south-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region eu-west-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.eu-west-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "eu-west-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region eu-west-2 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.eu-west-2.amazonaws.com"
        }
      },
      "params": {
        "Region": "eu-west-2",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region eu-west-3 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.eu-west-3.amazonaws.com"
        }
      },
      "params": {
        "Region": "eu-west-3",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region me-south-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.me-south-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "me-south-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region sa-east-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.sa-east-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "sa-east-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-east-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.us-east-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "us-east-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-east-1 with FIPS enabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://ecr-fips.us-east-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "us-east-1",
        "UseFIPS": true,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-east-2 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.us-east-2.amazonaws.com"
        }
      },
      "params": {
        "Region": "us-east-2",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-east-2 with FIPS enabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://ecr-fips.us-east-2.amazonaws.com"
        }
      },
      "params": {
        "Region": "us-east-2",
        "UseFIPS": true,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-west-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.us-west-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "us-west-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-west-1 with FIPS enabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://ecr-fips.us-west-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "us-west-1",
        "UseFIPS": true,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-west-2 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.us-west-2.amazonaws.com"
        }
      },
      "params": {
        "Region": "us-west-2",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-west-2 with FIPS enabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://ecr-fips.us-west-2.amazonaws.com"
        }
      },
      "params": {
        "Region": "us-west-2",
        "UseFIPS": true,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-east-1 with FIPS enabled and DualStack enabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr-fips.us-east-1.api.aws"
        }
      },
      "params": {
        "Region": "us-east-1",
        "UseFIPS": true,
        "UseDualStack": true
      }
    },
    {
      "documentation": "For region us-east-1 with FIPS disabled and DualStack enabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.us-east-1.api.aws"
        }
      },
      "params": {
        "Region": "us-east-1",
        "UseFIPS": false,
        "UseDualStack": true
      }
    },
    {
      "documentation": "For region cn-north-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.cn-north-1.amazonaws.com.cn"
        }
      },
      "params": {
        "Region": "cn-north-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region cn-northwest-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.cn-northwest-1.amazonaws.com.cn"
        }
      },
      "params": {
        "Region": "cn-northwest-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region cn-north-1 with FIPS enabled and DualStack enabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr-fips.cn-north-1.api.amazonwebservices.com.cn"
        }
      },
      "params": {
        "Region": "cn-north-1",
        "UseFIPS": true,
        "UseDualStack": true
      }
    },
    {
      "documentation": "For region cn-north-1 with FIPS enabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr-fips.cn-north-1.amazonaws.com.cn"
        }
      },
      "params": {
        "Region": "cn-north-1",
        "UseFIPS": true,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region cn-north-1 with FIPS disabled and DualStack enabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.cn-north-1.api.amazonwebservices.com.cn"
        }
      },
      "params": {
        "Region": "cn-north-1",
        "UseFIPS": false,
        "UseDualStack": true
      }
    },
    {
      "documentation": "For region us-gov-east-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.us-gov-east-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "us-gov-east-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-gov-east-1 with FIPS enabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://ecr-fips.us-gov-east-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "us-gov-east-1",
        "UseFIPS": true,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-gov-west-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.us-gov-west-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "us-gov-west-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-gov-west-1 with FIPS enabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://ecr-fips.us-gov-west-1.amazonaws.com"
        }
      },
      "params": {
        "Region": "us-gov-west-1",
        "UseFIPS": true,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-gov-east-1 with FIPS enabled and DualStack enabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr-fips.us-gov-east-1.api.aws"
        }
      },
      "params": {
        "Region": "us-gov-east-1",
        "UseFIPS": true,
        "UseDualStack": true
      }
    },
    {
      "documentation": "For region us-gov-east-1 with FIPS disabled and DualStack enabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.us-gov-east-1.api.aws"
        }
      },
      "params": {
        "Region": "us-gov-east-1",
        "UseFIPS": false,
        "UseDualStack": true
      }
    },
    {
      "documentation": "For region us-iso-east-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.us-iso-east-1.c2s.ic.gov"
        }
      },
      "params": {
        "Region": "us-iso-east-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-iso-west-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.us-iso-west-1.c2s.ic.gov"
        }
      },
      "params": {
        "Region": "us-iso-west-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-iso-east-1 with FIPS enabled and DualStack enabled",
      "expect": {
        "error": "FIPS and DualStack are enabled, but this partition does not support one or both"
      },
      "params": {
        "Region": "us-iso-east-1",
        "UseFIPS": true,
        "UseDualStack": true
      }
    },
    {
      "documentation": "For region us-iso-east-1 with FIPS enabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr-fips.us-iso-east-1.c2s.ic.gov"
        }
      },
      "params": {
        "Region": "us-iso-east-1",
        "UseFIPS": true,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-iso-east-1 with FIPS disabled and DualStack enabled",
      "expect": {
        "error": "DualStack is enabled but this partition does not support DualStack"
      },
      "params": {
        "Region": "us-iso-east-1",
        "UseFIPS": false,
        "UseDualStack": true
      }
    },
    {
      "documentation": "For region us-isob-east-1 with FIPS disabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr.us-isob-east-1.sc2s.sgov.gov"
        }
      },
      "params": {
        "Region": "us-isob-east-1",
        "UseFIPS": false,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-isob-east-1 with FIPS enabled and DualStack enabled",
      "expect": {
        "error": "FIPS and DualStack are enabled, but this partition does not support one or both"
      },
      "params": {
        "Region": "us-isob-east-1",
        "UseFIPS": true,
        "UseDualStack": true
      }
    },
    {
      "documentation": "For region us-isob-east-1 with FIPS enabled and DualStack disabled",
      "expect": {
        "endpoint": {
          "url": "https://api.ecr-fips.us-isob-east-1.sc2s.sgov.gov"
        }
      },
      "params": {
        "Region": "us-isob-east-1",
        "UseFIPS": true,
        "UseDualStack": false
      }
    },
    {
      "documentation": "For region us-isob-east-1 with FIPS disabled and DualStack enabled",
      "expect": {
        "error": "DualStack is enabled but this partition does not support DualStack"
      },
      "params": {
        "Region": "us-isob-east-1",
        "UseFIPS": false,
        "UseDualStack": true
      }
    },
    {
      "documentation": "For custom endpoint with region set and fips disabled and dualstack disabled",
      "expect": {
        "endpoint": {
          "url": "https://example.com"
        }
      },
      "params": {
        "Region": "us-east-1",
        "UseFIPS": false,
        "UseDualStack": false,
        "Endpoint": "https://example.com"
      }
    },
    {
      "documentation": "For custom endpoint with region not set and fips disabled and dualstack disabled",
      "expect": {
        "endpoint": {
          "url": "https://example.com"
        }
      },
      "params": {
        "UseFIPS": false,
        "UseDualStack": false,
        "Endpoint": "https://example.com"
      }
    },
    {
      "documentation": "For custom endpoint with fips enabled and dualstack disabled",
      "expect": {
        "error": "Invalid Configuration: FIPS and custom endpoint are not supported"
      },
      "params": {
        "Region": "us-east-1",
        "UseFIPS": true,
        "UseDualStack": false,
        "Endpoint": "https://example.com"
      }
    },
    {
      "documentation": "For custom endpoint with fips disabled and dualstack enabled",
      "expect": {
        "error": "Invalid Configuration: Dualstack and custom endpoint are not supported"
      },
      "params": {
        "Region": "us-east-1",
        "UseFIPS": false,
        "UseDualStack": true,
        "Endpoint": "https://example.com"
      }
    },
    {
      "documentation": "Missing region",
      "expect": {
        "error": "Invalid Configuration: Missing Region"
      }
    }
  ],
  "version": "1.0"
})
